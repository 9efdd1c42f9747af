/**
 * The mainland resident ID number (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit
 * birth date (YYYYMMDD), 3-digit sequence, and a check character computed with ISO 7064 MOD 11-2.
 * The first generation card had 15 digits (2-digit year, no check character); it converts to 18 by
 * inserting "19" before the year and appending the check character.
 *
 * These functions never log or echo the number: reasons they return name the rule, not the value.
 */
export const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by (weighted sum mod 11). */
export const ID_NUMBER_CHECK_CHARS = '10X98765432';

const EIGHTEEN = /^\d{17}[\dX]$/;
const FIFTEEN = /^\d{15}$/;

/** The check character (0-9 or X) for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the first 17 characters of an ID number must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i];
  return ID_NUMBER_CHECK_CHARS[sum % 11];
}

/** Trimmed, without inner spaces, with a lowercase x made uppercase. */
function tidy(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

function isCalendarDate(yyyymmdd: string): boolean {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * Why the value is not a valid ID number (15- or 18-character form), or null when it is. With
 * `today` (YYYY-MM-DD), a birth date after it is refused too.
 */
export function idNumberProblem(raw: string, today?: string): string | null {
  const value = tidy(raw);
  if (FIFTEEN.test(value)) {
    if (!isCalendarDate(`19${value.slice(6, 12)}`)) return 'the birth date inside the ID number is not a real date';
    return null;
  }
  if (!EIGHTEEN.test(value)) return 'an ID number has 18 characters (17 digits and a digit or X) or, in the old form, 15 digits';
  const birth = value.slice(6, 14);
  if (!isCalendarDate(birth)) return 'the birth date inside the ID number is not a real date';
  if (Number(birth.slice(0, 4)) < 1850) return 'the birth year inside the ID number is before 1850';
  if (today && `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` > today)
    return 'the birth date inside the ID number is in the future';
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'the check character of the ID number does not match (ISO 7064 MOD 11-2)';
  return null;
}

/** The birth date (YYYY-MM-DD) written inside a valid ID number (either form). */
export function birthDateOfIdNumber(raw: string): string {
  const value = tidy(raw);
  const birth = FIFTEEN.test(value) ? `19${value.slice(6, 12)}` : value.slice(6, 14);
  return `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
}

export function isValidIdNumber(raw: string, today?: string): boolean {
  return idNumberProblem(raw, today) === null;
}

/** Converts the old 15-digit form to 18: "19" before the 2-digit year, then the check character. */
export function idNumber15To18(raw15: string): string {
  const value = tidy(raw15);
  if (!FIFTEEN.test(value)) throw new RangeError('the old ID number form has exactly 15 digits');
  if (!isCalendarDate(`19${value.slice(6, 12)}`)) throw new RangeError('the birth date inside the ID number is not a real date');
  const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * The canonical 18-character form (uppercase X, old numbers converted), the form to hash or store.
 * Throws a RangeError naming the broken rule when the value is not a valid ID number.
 */
export function normalizeIdNumber(raw: string, today?: string): string {
  const problem = idNumberProblem(raw, today);
  if (problem) throw new RangeError(problem);
  const value = tidy(raw);
  return value.length === 15 ? idNumber15To18(value) : value;
}

/** The birth date (YYYY-MM-DD) inside a valid ID number. */
export function idNumberBirthDate(raw: string): string {
  const v = normalizeIdNumber(raw);
  return `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
}

/** First 4 and last 4 characters with asterisks between: `3305**********1234`. */
export function maskIdNumber(raw: string): string {
  const value = tidy(raw);
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}
