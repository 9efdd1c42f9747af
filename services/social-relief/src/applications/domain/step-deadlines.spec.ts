import { isPastDue, stepDueAt, stepLimitDays, StepLimits } from './step-deadlines';

const limits: StepLimits = { accept: 3, review: 10, decide: 5, disburse: 10, temporaryRelief: 2 };
const normal = { kind: 'dibao' as const, simplifiedReview: false, expedited: false };

describe('step limits', () => {
  it('takes each step’s own limit, and the short one for every step of temporary relief', () => {
    expect((['accept', 'review', 'decide', 'disburse'] as const).map((s) => stepLimitDays(normal, s, limits))).toEqual([3, 10, 5, 10]);
    expect(
      (['accept', 'review', 'decide', 'disburse'] as const).map((s) => stepLimitDays({ ...normal, kind: 'temporary-relief' }, s, limits)),
    ).toEqual([2, 2, 2, 2]);
  });

  it('halves (rounding up) under simplified review and gives one day when expedited', () => {
    expect(
      (['accept', 'review', 'decide', 'disburse'] as const).map((s) => stepLimitDays({ ...normal, simplifiedReview: true }, s, limits)),
    ).toEqual([2, 5, 3, 5]);
    expect(
      (['accept', 'review', 'decide', 'disburse'] as const).map((s) => stepLimitDays({ ...normal, expedited: true }, s, limits)),
    ).toEqual([1, 1, 1, 1]);
    expect(
      stepLimitDays({ kind: 'temporary-relief', simplifiedReview: true, expedited: false }, 'accept', { ...limits, temporaryRelief: 1 }),
    ).toBe(1);
  });
});

describe('due instants in Beijing calendar days', () => {
  it('ends at the end of the last day, counted from the day after entry', () => {
    // entered 2 March 09:00 Beijing: 3 days → due at 6 March 00:00 Beijing
    expect(stepDueAt(new Date('2026-03-02T01:00:00Z'), 3)).toEqual(new Date('2026-03-05T16:00:00Z'));
    // entered 2 March 23:59 Beijing (15:59Z): still 2 March in Beijing
    expect(stepDueAt(new Date('2026-03-02T15:59:00Z'), 3)).toEqual(new Date('2026-03-05T16:00:00Z'));
    // entered 3 March 00:01 Beijing (2 March 16:01Z): a Beijing day later
    expect(stepDueAt(new Date('2026-03-02T16:01:00Z'), 3)).toEqual(new Date('2026-03-06T16:00:00Z'));
    // across a month end
    expect(stepDueAt(new Date('2026-02-27T01:00:00Z'), 3)).toEqual(new Date('2026-03-02T16:00:00Z'));
  });

  it('is past due from the due instant on', () => {
    const due = new Date('2026-03-05T16:00:00Z');
    expect(isPastDue(due, new Date('2026-03-05T15:59:59.999Z'))).toBe(false);
    expect(isPastDue(due, due)).toBe(true);
    expect(isPastDue(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
