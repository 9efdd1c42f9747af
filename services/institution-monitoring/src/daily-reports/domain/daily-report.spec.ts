import { DomainError } from '@civil/kernel';
import { checkCounts, checkReportDay, decideCorrection, isLate, isZeroReport, lockInstant } from './daily-report';

const zero = {
  residents: 40,
  staffOnDuty: 12,
  newAdmissions: 0,
  temperatureAnomalies: 0,
  suspected: 0,
  confirmed: 0,
  isolated: 0,
  transferred: 0,
  deaths: 0,
  ppeDaysOfCover: 35,
  vaccinatedResidents: 38,
  vaccinatedStaff: 12,
};

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('daily report figures', () => {
  it('takes children in temporary care when given (a whole number ≥ 0) and leaves it out when not', () => {
    expect(checkCounts(zero)).not.toHaveProperty('childrenInTemporaryCare');
    expect(checkCounts({ ...zero, childrenInTemporaryCare: 2 })).toMatchObject({ childrenInTemporaryCare: 2 });
    const e = errorOf(() => checkCounts({ ...zero, childrenInTemporaryCare: -1 }));
    expect(e.code).toBe('InvalidReportFields');
    expect(e.details!.fields).toEqual([{ field: 'counts.childrenInTemporaryCare', reasons: [expect.any(String)] }]);
  });

  it('accepts an explicit zero report and knows it is one', () => {
    expect(isZeroReport(checkCounts(zero))).toBe(true);
    expect(isZeroReport(checkCounts({ ...zero, newAdmissions: 1 }))).toBe(false);
  });

  it('refuses a blank figure, naming it: blank is not zero', () => {
    const { deaths: _d, ...blank } = zero;
    const e = errorOf(() => checkCounts({ ...blank, isolated: null }));
    expect(e.code).toBe('BlankReportFields');
    expect(e.message).toContain('blank: isolated, deaths');
    expect(e.details!.fields).toEqual([
      { field: 'counts.isolated', reasons: [expect.stringContaining('blank')] },
      { field: 'counts.deaths', reasons: [expect.stringContaining('blank')] },
    ]);
  });

  it('refuses negative or fractional figures', () => {
    expect(errorOf(() => checkCounts({ ...zero, suspected: -1 })).code).toBe('InvalidReportFields');
    expect(errorOf(() => checkCounts({ ...zero, residents: 1.5 })).code).toBe('InvalidReportFields');
  });

  it.each([
    ['confirmed-within-headcount', { residents: 1, staffOnDuty: 0, confirmed: 2, isolated: 2, newAdmissions: 0, vaccinatedResidents: 0 }],
    ['transferred-from-isolated-or-confirmed', { transferred: 3, isolated: 1, confirmed: 1 }],
    ['isolated-within-headcount', { residents: 5, staffOnDuty: 1, isolated: 7, vaccinatedResidents: 5 }],
    ['anomalies-within-headcount', { residents: 5, staffOnDuty: 1, temperatureAnomalies: 7, vaccinatedResidents: 5 }],
    ['admissions-within-residents', { residents: 5, newAdmissions: 6, vaccinatedResidents: 5 }],
    ['vaccinated-within-residents', { vaccinatedResidents: 41 }],
  ])('refuses figures breaking %s, with the reason', (rule, change) => {
    const e = errorOf(() => checkCounts({ ...zero, ...change }));
    expect(e.code).toBe('InconsistentFigures');
    expect((e.details!.fields as { rule: string }[]).map((f) => f.rule)).toContain(rule);
  });

  it('lists every broken rule, not only the first', () => {
    const e = errorOf(() => checkCounts({ ...zero, transferred: 2, newAdmissions: 41, vaccinatedResidents: 41 }));
    const rules = new Set((e.details!.fields as { rule: string }[]).map((f) => f.rule));
    expect(rules).toEqual(
      new Set(['transferred-from-isolated-or-confirmed', 'admissions-within-residents', 'vaccinated-within-residents']),
    );
  });

  it('accepts the boundaries: transferred = isolated + confirmed, confirmed = headcount', () => {
    expect(() => checkCounts({ ...zero, isolated: 2, confirmed: 1, transferred: 3 })).not.toThrow();
    expect(() => checkCounts({ ...zero, residents: 3, staffOnDuty: 1, confirmed: 4, vaccinatedResidents: 3 })).not.toThrow();
  });

  it('is late after the deadline, on time at it', () => {
    const deadline = new Date('2026-03-02T02:00:00Z');
    expect(isLate(new Date('2026-03-02T02:00:00Z'), deadline)).toBe(false);
    expect(isLate(new Date('2026-03-02T02:00:00.001Z'), deadline)).toBe(true);
  });

  it('refuses a report for a future day (Beijing calendar)', () => {
    const now = new Date('2026-03-02T15:59:00Z'); // 23:59 on 2 March in Beijing
    expect(() => checkReportDay('2026-03-02', now)).not.toThrow();
    expect(errorOf(() => checkReportDay('2026-03-03', now)).code).toBe('ReportDateInFuture');
    expect(errorOf(() => checkReportDay('2026-02-30', now)).code).toBe('InvalidReportDate');
  });
});

describe('corrections and the period lock', () => {
  const report = { status: 'submitted' as const, counts: zero, reportDate: '2026-03-02' };
  const lockAt = lockInstant('2026-03-02', 3); // end of 5 March, Beijing

  it('locks at the end of the day expiry-days after the reported day (Beijing)', () => {
    expect(lockAt.toISOString()).toBe('2026-03-05T16:00:00.000Z');
    expect(lockInstant('2026-03-02', 0).toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('accepts a correction up to the last moment before the lock, naming the changed figures', () => {
    const d = decideCorrection(report, { ...zero, newAdmissions: 1 }, lockAt, new Date('2026-03-05T15:59:59Z'));
    expect(d).toEqual({ changedFields: ['newAdmissions'], underLockException: false, correction: 1 });
  });

  it('names children in temporary care among the changed figures when a correction adds or changes it', () => {
    const now = new Date('2026-03-03T00:00:00Z');
    expect(decideCorrection(report, { ...zero, childrenInTemporaryCare: 1 }, lockAt, now).changedFields).toEqual([
      'childrenInTemporaryCare',
    ]);
  });

  it('refuses a correction once the period has locked', () => {
    const e = errorOf(() => decideCorrection(report, { ...zero, newAdmissions: 1 }, lockAt, new Date('2026-03-05T16:00:00Z')));
    expect(e).toMatchObject({ kind: 'conflict', code: 'ReportPeriodLocked' });
  });

  it('accepts it under a county exception until the exception expires', () => {
    const lockException = {
      grantedBy: 'county',
      grantedAt: new Date('2026-03-06T00:00:00Z'),
      reason: '核实后更正',
      expiresAt: new Date('2026-03-08T16:00:00Z'),
    };
    const withException = { ...report, lockException, corrections: [{} as never] };
    expect(decideCorrection(withException, { ...zero, deaths: 1 }, lockAt, new Date('2026-03-07T00:00:00Z'))).toEqual({
      changedFields: ['deaths'],
      underLockException: true,
      correction: 2,
    });
    expect(errorOf(() => decideCorrection(withException, { ...zero, deaths: 1 }, lockAt, new Date('2026-03-08T16:00:00Z'))).code).toBe(
      'ReportPeriodLocked',
    );
  });

  it('refuses to correct a missed day (file it late instead) and a correction that changes nothing', () => {
    expect(
      errorOf(() => decideCorrection({ status: 'missed', reportDate: '2026-03-02' }, zero, lockAt, new Date('2026-03-03T00:00:00Z'))).code,
    ).toBe('ReportNotSubmitted');
    expect(errorOf(() => decideCorrection(report, zero, lockAt, new Date('2026-03-03T00:00:00Z'))).code).toBe('NothingChanged');
  });
});
