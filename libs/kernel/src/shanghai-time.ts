/**
 * Civil-affairs deadlines are stated in Beijing time (Asia/Shanghai, UTC+8, no daylight saving),
 * whatever zone the server runs in. These helpers are the only place that arithmetic lives.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai at the given instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isLocalTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** The instant of a wall-clock time (HH:mm) on a day in Asia/Shanghai. */
export function shanghaiInstant(date: string, time: string): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  if (!isLocalTime(time)) throw new RangeError(`not a time (HH:mm): ${time}`);
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - OFFSET_MS);
}

/** The day before/after a local date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
