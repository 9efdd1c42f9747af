/** How personal values are shown to people who may not see them in full. */

/** Keeps the first character (the family name, usually) and stars the rest. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; other numbers keep at most their first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 8) return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}

const ID_NUMBER_LIKE = /\d{15}(\d{2}[\dXx])?/;
const PHONE_LIKE = /1\d{10}/;

/**
 * Why free text that will be published or shown widely must not be kept as written: it holds
 * something shaped like an ID number (15 or 18 characters) or a mainland mobile number, spaces and
 * dashes ignored. Undefined when it holds neither. Names cannot be recognised this way; callers
 * that know the names involved check those too.
 */
export function identifierIn(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  if (ID_NUMBER_LIKE.test(digits)) return 'must not contain an ID number';
  if (PHONE_LIKE.test(digits)) return 'must not contain a phone number';
  return undefined;
}
