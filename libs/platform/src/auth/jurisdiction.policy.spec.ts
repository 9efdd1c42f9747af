import { DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, jurisdictionFilter, reaches } from './jurisdiction.policy';
import { Principal } from './principal.model';

const county: Principal = { sub: 'alice', roles: ['county-officer'], jurisdiction: '330521' };
const staff: Principal = { sub: 'bob', roles: ['unit-staff'], jurisdiction: '330521101', unitId: 'U-1' };

function refusal(action: () => void): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('assertCovers', () => {
  it('allows the jurisdiction itself and divisions inside it', () => {
    expect(() => assertCovers(county, '330521')).not.toThrow();
    expect(() => assertCovers(county, '330521101', 'U-9')).not.toThrow();
  });

  it('refuses divisions outside the jurisdiction', () => {
    const error = refusal(() => assertCovers(county, '330522101'));
    expect(error.kind).toBe('forbidden');
    expect(error.code).toBe('OutsideJurisdiction');
    expect(error.details).toEqual({ jurisdiction: '330521', divisionCode: '330522101' });
    expect(refusal(() => assertCovers(county, '3305')).code).toBe('OutsideJurisdiction');
    expect(refusal(() => assertCovers(county, 'garbage')).code).toBe('OutsideJurisdiction');
  });

  it('holds unit staff to their own unit', () => {
    expect(() => assertCovers(staff, '330521101', 'U-1')).not.toThrow();
    const error = refusal(() => assertCovers(staff, '330521101', 'U-2'));
    expect(error.code).toBe('OutsideJurisdiction');
    expect(error.message).toContain('U-2');
    expect(refusal(() => assertCovers(staff, '330521102', 'U-1')).code).toBe('OutsideJurisdiction');
  });
});

describe('assertFoundWithin', () => {
  const notFound = () => DomainError.notFound('UnitNotFound', 'no unit U-2', { unitId: 'U-2' });

  it('answers outside the caller’s reach with the very error an unknown identifier gets', () => {
    const error = refusal(() => assertFoundWithin(county, notFound, '330522101'));
    expect(error).toEqual(notFound());
    expect(error.kind).toBe('not-found');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('330522101');
    expect(refusal(() => assertFoundWithin(staff, notFound, '330521101', 'U-2'))).toEqual(notFound());
  });

  it('lets through what the caller reaches', () => {
    expect(() => assertFoundWithin(county, notFound, '330521101', 'U-9')).not.toThrow();
    expect(() => assertFoundWithin(staff, notFound, '330521101', 'U-1')).not.toThrow();
    expect(reaches(staff, '330521101')).toBe(true);
    expect(reaches(staff, '330521102', 'U-1')).toBe(false);
  });
});

describe('jurisdictionFilter', () => {
  it('is the code to match against divisionAncestors', () => {
    expect(jurisdictionFilter(county)).toBe('330521');
  });
});
