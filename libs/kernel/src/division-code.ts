/**
 * Administrative division codes (行政区划代码): 2 digits province, 4 city, 6 county (区/县),
 * 9 township (乡镇/街道), 12 village. A jurisdiction covers every code that starts with it.
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'township',
  12: 'village',
};

export const DIVISION_LEVELS: readonly DivisionLevel[] = ['village', 'township', 'county', 'city', 'province'];

const LENGTH_BY_LEVEL: Record<DivisionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

export function isDivisionCode(code: unknown): code is string {
  return typeof code === 'string' && /^\d+$/.test(code) && code.length in LEVEL_BY_LENGTH;
}

export function divisionLevel(code: string): DivisionLevel {
  const level = LEVEL_BY_LENGTH[code.length];
  if (!level || !/^\d+$/.test(code)) throw new RangeError(`not a division code: ${code}`);
  return level;
}

/** The code of the enclosing division at a level, e.g. county of a township. */
export function divisionAt(code: string, level: DivisionLevel): string {
  const length = LENGTH_BY_LEVEL[level];
  if (code.length < length) throw new RangeError(`${code} is above the ${level} level`);
  return code.slice(0, length);
}

/** Every enclosing division including the code itself, widest first: ['33','3305','330521',...]. */
export function divisionAncestors(code: string): string[] {
  divisionLevel(code);
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** Whether a jurisdiction covers a division code (the same code or one inside it). */
export function covers(jurisdiction: string, code: string): boolean {
  return isDivisionCode(jurisdiction) && isDivisionCode(code) && code.startsWith(jurisdiction);
}
