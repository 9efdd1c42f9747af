import { DomainError } from '@civil/kernel';
import { addMonths, effectiveDueOn, markMissed, missedToSignal, recordRecheck, RecheckSettings, startSchedule } from './recheck';

const cadence = { A: 12, B: 6, C: 3 };
const settings: RecheckSettings = { cadenceMonths: cadence, graceDays: 15, extensionDaysAtRisk: 30 };
const at = new Date('2026-03-02T02:00:00Z');

describe('periodic re-checks (定期核查)', () => {
  it('adds calendar months, clamping month ends', () => {
    expect(addMonths('2026-03-02', 12)).toBe('2027-03-02');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  it('schedules the first re-check a cadence of its class after the enrolment day (class A unless given)', () => {
    expect(startSchedule('2026-03-02', cadence)).toEqual({
      recheckClass: 'A',
      since: '2026-03-02',
      dueOn: '2027-03-02',
      cadenceMonths: 12,
      missedDueOn: null,
      records: [],
    });
    expect(startSchedule('2026-03-02', cadence, 'B').dueOn).toBe('2026-09-02');
    expect(startSchedule('2026-03-02', cadence, 'C').dueOn).toBe('2026-06-02');
  });

  it('is missed only after the due day plus grace; the last day of grace is on time', () => {
    const r = startSchedule('2026-03-02', cadence, 'C'); // due 2026-06-02, grace to 06-17
    expect(missedToSignal(r, settings, false, '2026-06-02')).toBeNull();
    expect(missedToSignal(r, settings, false, '2026-06-17')).toBeNull();
    expect(missedToSignal(r, settings, false, '2026-06-18')).toBe('2026-06-02');
  });

  it('moves the due day on by the extension days in a medium/high-risk area', () => {
    const r = startSchedule('2026-03-02', cadence, 'C');
    expect(effectiveDueOn(r, settings, true)).toBe('2026-07-02');
    expect(effectiveDueOn(r, settings, false)).toBe('2026-06-02');
    expect(missedToSignal(r, settings, true, '2026-06-18')).toBeNull();
    expect(missedToSignal(r, settings, true, '2026-07-17')).toBeNull();
    expect(missedToSignal(r, settings, true, '2026-07-18')).toBe('2026-06-02');
  });

  it('signals a due day once', () => {
    const r = markMissed(startSchedule('2026-03-02', cadence, 'C'), '2026-06-02');
    expect(r.missedDueOn).toBe('2026-06-02');
    expect(missedToSignal(r, settings, false, '2026-08-01')).toBeNull();
    expect(() => markMissed(r, '2026-06-02')).toThrow(DomainError);
  });

  it('recording a re-check answers the missed one and starts the next cycle from its day with the class it sets', () => {
    const missed = markMissed(startSchedule('2026-03-02', cadence, 'C'), '2026-06-02');
    const { next, answered } = recordRecheck(
      missed,
      {
        recheckId: 'rk-1',
        checkedOn: '2026-06-20',
        outcome: 'unchanged',
        recheckClass: 'B',
        findings: '入户核查，无变化',
        at,
        by: 'cadre',
      },
      cadence,
      '2026-06-20',
    );
    expect(answered).toMatchObject({ dueOn: '2026-06-02', missed: true });
    expect(next).toMatchObject({ recheckClass: 'B', since: '2026-06-20', dueOn: '2026-12-20', cadenceMonths: 6, missedDueOn: null });
    expect(next.records).toHaveLength(1);
    // the next one, on time, was not missed
    const again = recordRecheck(
      next,
      { recheckId: 'rk-2', checkedOn: '2026-12-01', outcome: 'changed', recheckClass: 'B', findings: '收入增加', at, by: 'cadre' },
      cadence,
      '2026-12-01',
    );
    expect(again.answered).toMatchObject({ dueOn: '2026-12-20', missed: false });
    expect(again.next.dueOn).toBe('2027-06-01');
  });

  it('sets no next due day for a household found no longer eligible', () => {
    const { next } = recordRecheck(
      startSchedule('2026-03-02', cadence),
      { recheckId: 'rk-1', checkedOn: '2026-05-01', outcome: 'no-longer-eligible', recheckClass: 'A', findings: '已迁出', at, by: 'cadre' },
      cadence,
      '2026-05-01',
    );
    expect(next.dueOn).toBeNull();
    expect(missedToSignal(next, settings, false, '2030-01-01')).toBeNull();
  });

  it('refuses a re-check dated in the future or before the current cycle (400 naming checkedOn)', () => {
    const r = startSchedule('2026-03-02', cadence);
    const rec = { recheckId: 'rk-1', outcome: 'unchanged' as const, recheckClass: 'A' as const, findings: '', at, by: 'cadre' };
    for (const checkedOn of ['2026-05-02', '2026-03-01']) {
      try {
        recordRecheck(r, { ...rec, checkedOn }, cadence, '2026-05-01');
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).details).toMatchObject({ field: 'checkedOn' });
      }
    }
  });
});
