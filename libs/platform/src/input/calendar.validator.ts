import { addDays, isLocalDate, shanghaiDate, shanghaiInstant } from '@civil/kernel';
import { Transform } from 'class-transformer';
import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** The earliest day any field accepts: nothing this platform records happened before it. */
export const EARLIEST_DAY = '1900-01-01';
/** How far ahead a field that allows the future accepts (a plan, a deadline, an order's end). */
export const MAX_YEARS_AHEAD = 10;
/**
 * A field that refuses the future still accepts this much ahead of this server's clock, for
 * clocks that differ by a little. The services check such times again against their own clock
 * (e.g. a death after "now" is refused by the domain); this bound only keeps the implausible out.
 */
export const CLOCK_ALLOWANCE_MS = 10 * 60 * 1000;

export interface DateRangeOptions {
  /** Refuse a day (or instant) after today (now); otherwise up to MAX_YEARS_AHEAD years ahead. */
  notInFuture?: boolean;
  /** The reason for a value of the wrong shape, when the field has its own wording. */
  shapeMessage?: string;
  /**
   * The domain refuses a day that does not exist (2026-02-30) with its own error code, which
   * clients rely on: only the shape and the range are checked here.
   */
  dayCheckedByDomain?: boolean;
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_DAY = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

function latestDay(options: DateRangeOptions, now: Date): string {
  const today = shanghaiDate(now);
  return options.notInFuture ? today : `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`;
}

/**
 * Why a value is not a calendar day (YYYY-MM-DD, Beijing) in the accepted range, or undefined:
 * 2026-02-30 does not exist, 1800-01-01 is before 1900, a death tomorrow has not happened.
 */
export function calendarDateProblem(value: unknown, options: DateRangeOptions = {}, now: Date = new Date()): string | undefined {
  if (typeof value !== 'string' || !DATE_SHAPE.test(value)) return options.shapeMessage ?? 'must be a date (YYYY-MM-DD)';
  if (!options.dayCheckedByDomain && !isLocalDate(value)) return `must be a day of the calendar (${value} does not exist)`;
  return rangeProblem(value, options, now);
}

function rangeProblem(day: string, options: DateRangeOptions, now: Date): string | undefined {
  if (day < EARLIEST_DAY) return `must not be before ${EARLIEST_DAY}`;
  // the allowance lets a day that has just begun in Beijing through on a clock a little behind
  if (day > latestDay(options, new Date(now.getTime() + CLOCK_ALLOWANCE_MS))) {
    return options.notInFuture ? 'must not be in the future' : `must not be more than ${MAX_YEARS_AHEAD} years ahead`;
  }
  return undefined;
}

/**
 * Why a value is not an ISO 8601 date-time (an instant: `2026-03-02T09:30:00+08:00`; a date alone
 * means its midnight) on a real day in the accepted range, or undefined. Date objects (from
 * `toDate`) are checked for the range.
 */
export function instantProblem(value: unknown, options: DateRangeOptions = {}, now: Date = new Date()): string | undefined {
  const shape = options.shapeMessage ?? 'must be an ISO 8601 date-time, e.g. 2026-03-02T09:30:00+08:00';
  let at: number;
  if (value instanceof Date) {
    at = value.getTime();
    if (Number.isNaN(at)) return shape;
  } else {
    if (typeof value !== 'string') return shape;
    const day = INSTANT_DAY.exec(value)?.[1];
    if (day !== undefined && !isLocalDate(day)) return `must be a day of the calendar (${day} does not exist)`;
    if (day === undefined || !isISO8601(value, { strict: true, strictSeparator: true })) return shape;
    at = Date.parse(value);
    if (Number.isNaN(at)) return shape;
  }
  if (at < shanghaiInstant(EARLIEST_DAY, '00:00').getTime()) return `must not be before ${EARLIEST_DAY}`;
  if (options.notInFuture) {
    if (at > now.getTime() + CLOCK_ALLOWANCE_MS) return 'must not be in the future';
  } else if (at >= shanghaiInstant(addDays(latestDay(options, now), 1), '00:00').getTime()) {
    return `must not be more than ${MAX_YEARS_AHEAD} years ahead`;
  }
  return undefined;
}

/**
 * A calendar day, YYYY-MM-DD (Beijing), that exists and lies between 1900-01-01 and ten years
 * ahead (or today, with `notInFuture`).
 */
export function IsCalendarDate(options: DateRangeOptions = {}, validationOptions?: Omit<ValidationOptions, 'message'>): PropertyDecorator {
  const document = JSONSchema({ type: 'string', format: 'date' });
  const validate = ValidateBy(
    {
      name: 'isCalendarDate',
      constraints: [options],
      validator: {
        validate: (value: unknown) => calendarDateProblem(value, options) === undefined,
        defaultMessage: (args) => withProperty(args?.property, calendarDateProblem(args?.value, options) ?? 'must be a date (YYYY-MM-DD)'),
      },
    },
    validationOptions,
  );
  return (target, key) => {
    document(target, key as string);
    validate(target, key);
  };
}

export interface InstantOptions extends DateRangeOptions {
  /** Hand the handler a Date (instead of the string) once the value is valid. */
  toDate?: boolean;
}

/**
 * An ISO 8601 date-time on a real day, from 1900-01-01 up to ten years ahead (or now, with
 * `notInFuture`). With `toDate` the property becomes a Date; a value that is not valid stays as
 * sent, so the reason names what is wrong with it (`new Date('2026-02-30')` would be 2 March).
 */
export function IsInstant(options: InstantOptions = {}, validationOptions?: Omit<ValidationOptions, 'message'>): PropertyDecorator {
  const validate = ValidateBy(
    {
      name: 'isInstant',
      constraints: [options],
      validator: {
        validate: (value: unknown) => instantProblem(value, options) === undefined,
        defaultMessage: (args) => withProperty(args?.property, instantProblem(args?.value, options) ?? 'must be an ISO 8601 date-time'),
      },
    },
    validationOptions,
  );
  const document = JSONSchema({ type: 'string', format: 'date-time' });
  const toDate = Transform(({ value }) =>
    typeof value === 'string' && instantProblem(value, options) === undefined ? new Date(value) : value,
  );
  return (target, key) => {
    document(target, key as string);
    if (options.toDate) toDate(target, key);
    validate(target, key);
  };
}

function withProperty(property: string | undefined, reason: string): string {
  // a field's own shape message already starts with its name
  return property && !reason.startsWith(`${property} `) ? `${property} ${reason}` : reason;
}
