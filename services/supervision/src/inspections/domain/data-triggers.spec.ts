import { SettableClock } from '@civil/kernel';
import { missesInWindow, rememberMiss, reportsMissedRule, scheduledDateFor, symptomCasesRule, triggeredMode } from './data-triggers';

const settings = { symptomCases: 3, missedReports: 3, missedWindowDays: 7, withinDays: 3, mode: 0 };
const miss = (reportDate: string) => ({ reportDate, eventId: `e-${reportDate}` });

describe('data-triggered inspections', () => {
  it('fires on the symptom cases since the last report reaching the threshold, not before', () => {
    expect(symptomCasesRule(2, 'e1', settings)).toBeNull();
    expect(symptomCasesRule(3, 'e1', settings)).toEqual({ rule: 'symptom-cases', threshold: 3, observed: 3, evidenceEventIds: ['e1'] });
    expect(symptomCasesRule(5, 'e1', { symptomCases: 6 })).toBeNull();
  });

  it('counts misses in the window ending today (Beijing), each day once', () => {
    const clock = new SettableClock('2026-03-08T16:30:00Z'); // 2026-03-09 in Beijing
    const misses = [miss('2026-03-02'), miss('2026-03-03'), miss('2026-03-05'), miss('2026-03-09'), miss('2026-03-09')];
    expect(missesInWindow(misses, clock.now(), 7).map((m) => m.reportDate)).toEqual(['2026-03-03', '2026-03-05', '2026-03-09']);
    expect(reportsMissedRule(misses, clock.now(), settings)).toEqual({
      rule: 'reports-missed',
      threshold: 3,
      observed: 3,
      evidenceEventIds: ['e-2026-03-03', 'e-2026-03-05', 'e-2026-03-09'],
    });
    clock.set('2026-03-10T02:00:00Z'); // 03-03 left the window
    expect(reportsMissedRule(misses, clock.now(), settings)).toBeNull();
    expect(reportsMissedRule(misses, clock.now(), { missedReports: 2, missedWindowDays: 7 })?.observed).toBe(2);
  });

  it('does not fire on two misses', () => {
    const clock = new SettableClock('2026-03-05T03:00:00Z');
    expect(reportsMissedRule([miss('2026-03-04'), miss('2026-03-05')], clock.now(), settings)).toBeNull();
  });

  it('remembers misses without duplicates and forgets those older than any window', () => {
    const now = new Date('2026-04-10T03:00:00Z');
    const kept = rememberMiss([miss('2026-03-01'), miss('2026-04-08')], { reportDate: '2026-04-08', eventId: 'again' }, now);
    expect(kept).toEqual([{ reportDate: '2026-04-08', eventId: 'again' }]);
  });

  it('schedules within the configured days, in the configured mode', () => {
    expect(scheduledDateFor(new Date('2026-03-31T17:00:00Z'), settings)).toBe('2026-04-04');
    expect(triggeredMode(0)).toBe('announced');
    expect(triggeredMode(1)).toBe('unannounced');
  });
});
