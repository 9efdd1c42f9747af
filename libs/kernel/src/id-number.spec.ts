import {
  idNumber15To18,
  idNumberBirthDate,
  idNumberCheckChar,
  idNumberProblem,
  isValidIdNumber,
  maskIdNumber,
  normalizeIdNumber,
} from './id-number';

describe('resident ID number (GB 11643-1999)', () => {
  it('computes the ISO 7064 MOD 11-2 check character, X included', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('33052119500101123')).toBe('7');
    expect(() => idNumberCheckChar('1101051949123100')).toThrow(RangeError);
  });

  it('accepts a valid 18-character number, with a lowercase x too', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('330521195001011237')).toBe(true);
  });

  it('refuses a wrong check character, naming the rule', () => {
    expect(idNumberProblem('330521195001011238')).toMatch(/check character/);
    expect(idNumberProblem('110105194912310021')).toMatch(/check character/);
  });

  it('refuses an impossible or future birth date inside the number', () => {
    const feb30 = '3305211950023' + '0123';
    const withCheck = feb30.slice(0, 17) + idNumberCheckChar(feb30.slice(0, 17));
    expect(idNumberProblem(withCheck)).toMatch(/not a real date/);
    const future = '33052120300101123';
    expect(idNumberProblem(future + idNumberCheckChar(future), '2026-03-02')).toMatch(/future/);
    expect(idNumberProblem(future + idNumberCheckChar(future))).toBeNull();
  });

  it('refuses the wrong length or characters', () => {
    expect(idNumberProblem('12345')).toMatch(/18 characters/);
    expect(idNumberProblem('3305211950010112X7')).toMatch(/18 characters/);
  });

  it('converts the old 15-digit form to 18 digits', () => {
    expect(idNumber15To18('130503670401001')).toBe('130503196704010016');
    expect(isValidIdNumber('130503670401001')).toBe(true);
    expect(normalizeIdNumber('130503670401001')).toBe('130503196704010016');
    expect(idNumberProblem('130503671301001')).toMatch(/not a real date/);
    expect(() => idNumber15To18('13050367040100')).toThrow(RangeError);
  });

  it('normalises to the uppercase 18-character form and throws with the reason when invalid', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(() => normalizeIdNumber('110105194912310021')).toThrow(/check character/);
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('330521195001011237')).toBe('3305**********1237');
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X');
    expect(maskIdNumber('1234')).toBe('****');
  });
});
