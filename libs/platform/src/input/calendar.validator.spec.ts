import { plainToInstance } from 'class-transformer';
import { IsOptional, validate } from 'class-validator';
import { calendarDateProblem, IsCalendarDate, IsInstant, instantProblem } from './calendar.validator';

const NOW = new Date('2026-03-06T00:00:00Z'); // 08:00 in Beijing

describe('calendarDateProblem', () => {
  it('accepts real days from 1900 to ten years ahead', () => {
    for (const day of ['1900-01-01', '2024-02-29', '2026-03-06', '2036-03-06']) expect(calendarDateProblem(day, {}, NOW)).toBeUndefined();
  });

  it('refuses days that do not exist, the wrong shape, and days out of range', () => {
    expect(calendarDateProblem('2026-02-30', {}, NOW)).toBe('must be a day of the calendar (2026-02-30 does not exist)');
    expect(calendarDateProblem('2025-02-29', {}, NOW)).toContain('does not exist');
    expect(calendarDateProblem('2026-3-1', {}, NOW)).toBe('must be a date (YYYY-MM-DD)');
    expect(calendarDateProblem(20260301, { shapeMessage: 'reportDate must be YYYY-MM-DD' }, NOW)).toBe('reportDate must be YYYY-MM-DD');
    expect(calendarDateProblem('1800-01-01', {}, NOW)).toBe('must not be before 1900-01-01');
    expect(calendarDateProblem('2036-03-07', {}, NOW)).toBe('must not be more than 10 years ahead');
  });

  it('leaves a day that does not exist to the domain when told so, still checking the range', () => {
    expect(calendarDateProblem('2026-02-30', { dayCheckedByDomain: true }, NOW)).toBeUndefined();
    expect(calendarDateProblem('1800-02-30', { dayCheckedByDomain: true }, NOW)).toBe('must not be before 1900-01-01');
  });

  it('refuses a day after today (Beijing) where the future is refused', () => {
    expect(calendarDateProblem('2026-03-06', { notInFuture: true }, NOW)).toBeUndefined();
    expect(calendarDateProblem('2026-03-07', { notInFuture: true }, NOW)).toBe('must not be in the future');
  });
});

describe('instantProblem', () => {
  it('accepts ISO 8601 date-times on real days, with an offset or Z, and a date alone', () => {
    for (const at of ['2026-03-05T20:00:00Z', '2026-03-06T07:59:00+08:00', '2026-03-05T23:00:00.000Z', '2026-03-05'])
      expect(instantProblem(at, { notInFuture: true }, NOW)).toBeUndefined();
  });

  it('refuses a day that does not exist (new Date would make 2 March of it), the wrong shape, and out of range', () => {
    expect(instantProblem('2026-02-30T10:00:00Z', {}, NOW)).toBe('must be a day of the calendar (2026-02-30 does not exist)');
    expect(instantProblem('yesterday', {}, NOW)).toBe('must be an ISO 8601 date-time, e.g. 2026-03-02T09:30:00+08:00');
    expect(instantProblem('2026-03-05T25:00:00Z', {}, NOW)).toContain('ISO 8601');
    expect(instantProblem('1800-01-01T00:00:00Z', {}, NOW)).toBe('must not be before 1900-01-01');
    expect(instantProblem('2037-01-01T00:00:00Z', {}, NOW)).toBe('must not be more than 10 years ahead');
    expect(instantProblem('2026-03-06T01:00:00Z', { notInFuture: true }, NOW)).toBe('must not be in the future');
    expect(instantProblem(new Date('nope'), {}, NOW)).toContain('ISO 8601');
  });
});

class DeathRequest {
  @IsInstant({ notInFuture: true, toDate: true }) diedAt: Date;
  @IsOptional() @IsCalendarDate({ shapeMessage: 'fromDate must be a date (YYYY-MM-DD)' }) fromDate?: string;
}

describe('@IsInstant and @IsCalendarDate', () => {
  it('turn a valid instant into a Date and report a bad one as sent, by property', async () => {
    const ok = plainToInstance(DeathRequest, { diedAt: '2026-03-05T20:00:00Z', fromDate: '2026-03-01' });
    expect(ok.diedAt).toEqual(new Date('2026-03-05T20:00:00Z'));
    expect(await validate(ok)).toEqual([]);

    const bad = plainToInstance(DeathRequest, { diedAt: '2026-02-30T10:00:00Z', fromDate: '1800-01-01' });
    expect(bad.diedAt).toBe('2026-02-30T10:00:00Z');
    const errors = await validate(bad);
    expect(errors.map((e) => [e.property, Object.values(e.constraints!)])).toEqual([
      ['diedAt', ['diedAt must be a day of the calendar (2026-02-30 does not exist)']],
      ['fromDate', ['fromDate must not be before 1900-01-01']],
    ]);
    const [shape] = await validate(plainToInstance(DeathRequest, { diedAt: '2026-03-05T20:00:00Z', fromDate: '1 March' }));
    expect(shape!.constraints).toEqual({ isCalendarDate: 'fromDate must be a date (YYYY-MM-DD)' });
  });
});
