import { IsOptional, validate } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DomainError } from '@civil/kernel';
import { ConfigError } from '../config/config.error';
import { DivisionCodePipe, IsDivisionCode } from './division-code.validator';
import { DivisionTable, divisionCodeProblem, extraDivisionCodes, isKnownDivisionCode } from './division-table';

describe('the administrative division table', () => {
  const table = DivisionTable.load();

  it('holds provinces, cities, counties and townships of the published table', () => {
    expect(table.size).toBeGreaterThan(40_000);
    for (const code of ['33', '44', '3305', '330521', '330523', '330521101', '330521102', '330521115', '110101001'])
      expect(table.has(code)).toBe(true);
  });

  it('refuses codes that do not exist, at every level', () => {
    for (const code of ['99', '3399', '330599', '330521999', '330521000', '3300', '330500', '33052110'])
      expect(table.has(code)).toBe(false);
  });

  it('accepts a village (12 digits) when its township is known, since the table is loaded without villages', () => {
    expect(table.has('330521101001')).toBe(true);
    expect(table.has('330521999001')).toBe(false);
  });

  it('adds the codes of EXTRA_DIVISION_CODES (and villages of an added township)', () => {
    const extended = DivisionTable.load(extraDivisionCodes({ EXTRA_DIVISION_CODES: ' 330521999, 330599 ' }));
    expect(['330521999', '330599', '330521999007'].map((c) => extended.has(c))).toEqual([true, true, true]);
    expect(extended.has('330599101')).toBe(false);
  });

  it('stops at start-up on an EXTRA_DIVISION_CODES entry that is not a division code', () => {
    expect(() => extraDivisionCodes({ EXTRA_DIVISION_CODES: '330521101,33052,abc' })).toThrow(ConfigError);
    expect(() => extraDivisionCodes({ EXTRA_DIVISION_CODES: '330521101,33052,abc' })).toThrow(
      'EXTRA_DIVISION_CODES: 33052, abc are not division codes',
    );
    expect(extraDivisionCodes({})).toEqual([]);
  });

  it('tells a code of the wrong shape from one that does not exist', () => {
    expect(divisionCodeProblem('330521101', ['township', 'village'])).toBeUndefined();
    expect(divisionCodeProblem('330521', ['township', 'village'])).toBe('shape');
    expect(divisionCodeProblem(330521101)).toBe('shape');
    expect(divisionCodeProblem('330521999')).toBe('unknown');
    expect(isKnownDivisionCode('330523')).toBe(true);
    expect(isKnownDivisionCode('330521999')).toBe(false);
  });
});

class HomeRequest {
  @IsDivisionCode({ levels: ['county', 'township', 'village'], shapeMessage: 'divisionCode must be a 6, 9 or 12-digit division code' })
  divisionCode: string;

  @IsOptional()
  @IsDivisionCode({}, { each: true })
  targets?: string[];
}

function home(values: Partial<HomeRequest>): HomeRequest {
  return Object.assign(new HomeRequest(), values);
}

describe('@IsDivisionCode', () => {
  it('passes a real code and says why a code is refused', async () => {
    expect(await validate(home({ divisionCode: '330521102', targets: ['33', '3305'] }))).toEqual([]);
    const [unknown] = await validate(home({ divisionCode: '330521999' }));
    expect(unknown!.constraints).toEqual({
      isDivisionCode: 'divisionCode 330521999 is not in the administrative division table (行政区划代码不存在)',
    });
    const [shape] = await validate(home({ divisionCode: '33' }));
    expect(shape!.constraints).toEqual({ isDivisionCode: 'divisionCode must be a 6, 9 or 12-digit division code' });
    const [target] = await validate(home({ divisionCode: '330521', targets: ['33', '339999'] }));
    expect(target!.constraints!.isDivisionCode).toContain('339999 is not in the administrative division table');
  });
});

describe('@IsDivisionCode in the OpenAPI schema', () => {
  it('shows the shape of the codes a field accepts', () => {
    const schemas = validationMetadatasToSchemas() as Record<
      string,
      { properties: Record<string, { pattern?: string; items?: { pattern?: string } }> }
    >;
    expect(schemas.HomeRequest!.properties.divisionCode).toMatchObject({ type: 'string', pattern: '^(\\d{6}|\\d{9}|\\d{12})$' });
    expect(schemas.HomeRequest!.properties.targets!.items).toMatchObject({ pattern: '^(\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12})$' });
  });
});

describe('DivisionCodePipe', () => {
  const pipe = new DivisionCodePipe('townshipCode', {
    levels: ['township'],
    shapeMessage: 'townshipCode must be a 9-digit township (乡镇/街道) code',
  });

  it('passes a known township and refuses others with the parameter named', () => {
    expect(pipe.transform('330521101')).toBe('330521101');
    const refusal = (value: unknown) => {
      try {
        pipe.transform(value);
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('not refused');
    };
    expect(refusal('330521')).toMatchObject({
      kind: 'invalid',
      code: 'InvalidTownshipCode',
      details: { field: 'townshipCode' },
      message: 'townshipCode must be a 9-digit township (乡镇/街道) code',
    });
    expect(refusal('330521999')).toMatchObject({
      code: 'InvalidTownshipCode',
      message: expect.stringContaining('330521999 is not in the administrative division table'),
    });
  });

  it('lets an absent optional parameter through', () => {
    expect(new DivisionCodePipe('divisionCode', { optional: true }).transform(undefined)).toBeUndefined();
  });
});
