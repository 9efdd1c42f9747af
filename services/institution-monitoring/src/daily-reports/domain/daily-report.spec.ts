import { DomainError } from '@civil/kernel';
import { checkCounts, checkReportDay, isLate, isZeroReport } from './daily-report';

const zero = { residents: 40, staffOnDuty: 12, newAdmissions: 0, temperatureAnomalies: 0, suspected: 0, confirmed: 0, isolated: 0, transferred: 0, deaths: 0 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
}

describe('daily report', () => {
  it('accepts an explicit zero report and knows it is one', () => {
    expect(isZeroReport(checkCounts(zero))).toBe(true);
    expect(isZeroReport(checkCounts({ ...zero, newAdmissions: 1 }))).toBe(false);
  });

  it('refuses a blank figure, naming it: blank is not zero', () => {
    const { deaths: _d, ...blank } = zero;
    expect(() => checkCounts({ ...blank, isolated: null })).toThrow('blank: isolated, deaths');
    expect(codeOf(() => checkCounts(blank))).toBe('BlankReportFields');
  });

  it('refuses negative or fractional figures and impossible combinations', () => {
    expect(codeOf(() => checkCounts({ ...zero, suspected: -1 }))).toBe('InvalidReportFields');
    expect(codeOf(() => checkCounts({ ...zero, residents: 1.5 }))).toBe('InvalidReportFields');
    expect(codeOf(() => checkCounts({ ...zero, residents: 1, staffOnDuty: 0, confirmed: 2 }))).toBe('CasesExceedHeadcount');
  });

  it('is late after the deadline, on time at it', () => {
    const deadline = new Date('2026-03-02T02:00:00Z');
    expect(isLate(new Date('2026-03-02T02:00:00Z'), deadline)).toBe(false);
    expect(isLate(new Date('2026-03-02T02:00:00.001Z'), deadline)).toBe(true);
  });

  it('refuses a report for a future day (Beijing calendar)', () => {
    const now = new Date('2026-03-02T15:59:00Z'); // 23:59 on 2 March in Beijing
    expect(() => checkReportDay('2026-03-02', now)).not.toThrow();
    expect(codeOf(() => checkReportDay('2026-03-03', now))).toBe('ReportDateInFuture');
    expect(codeOf(() => checkReportDay('2026-02-30', now))).toBe('InvalidReportDate');
  });
});
