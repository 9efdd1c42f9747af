import { covers, divisionAncestors, divisionAt, divisionLevel, isDivisionCode } from './division-code';

describe('division codes', () => {
  it('knows the level from the length', () => {
    expect(divisionLevel('33')).toBe('province');
    expect(divisionLevel('330521')).toBe('county');
    expect(divisionLevel('330521101')).toBe('township');
    expect(() => divisionLevel('3305211')).toThrow('not a division code');
  });

  it('lists the enclosing divisions widest first', () => {
    expect(divisionAncestors('330521101')).toEqual(['33', '3305', '330521', '330521101']);
  });

  it('finds the enclosing division at a level', () => {
    expect(divisionAt('330521101', 'county')).toBe('330521');
    expect(() => divisionAt('3305', 'township')).toThrow('above the township level');
  });

  it('scopes a jurisdiction to the codes inside it', () => {
    expect(covers('3305', '330521101')).toBe(true);
    expect(covers('330522', '330521101')).toBe(false);
    expect(covers('', '330521101')).toBe(false);
    expect(isDivisionCode('33a5')).toBe(false);
  });
});
