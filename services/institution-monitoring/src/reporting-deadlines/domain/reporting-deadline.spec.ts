import { DeadlineResolver, DeadlineRule } from './reporting-deadline';

const at = new Date('2026-01-01T00:00:00Z');

describe('reporting deadline', () => {
  it('is 10:00 Beijing time until a region sets one', () => {
    const r = new DeadlineResolver([]);
    expect(r.deadlineFor('330521101', 'elderly-care-home', '2026-03-02').toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(r.timeFor('330521101', 'elderly-care-home', '2026-03-02').rule).toBe('default');
  });

  it('takes the most specific rule: narrower division first, then the unit type', () => {
    const rules: DeadlineRule[] = [
      { divisionCode: '33', unitType: null, history: [{ time: '11:00', effectiveFrom: '2026-01-01', setBy: 'p', setAt: at }] },
      { divisionCode: '330521', unitType: null, history: [{ time: '09:00', effectiveFrom: '2026-01-01', setBy: 'c', setAt: at }] },
      {
        divisionCode: '330521',
        unitType: 'relief-station',
        history: [{ time: '16:30', effectiveFrom: '2026-01-01', setBy: 'c', setAt: at }],
      },
    ];
    const r = new DeadlineResolver(rules);
    expect(r.timeFor('330521101', 'elderly-care-home', '2026-03-02').time).toBe('09:00');
    expect(r.timeFor('330521101', 'relief-station', '2026-03-02').time).toBe('16:30');
    expect(r.timeFor('330522101', 'relief-station', '2026-03-02').time).toBe('11:00');
  });

  it('keeps history: a change applies from its date, earlier days keep the old time', () => {
    const rules: DeadlineRule[] = [
      {
        divisionCode: '330521',
        unitType: null,
        history: [
          { time: '11:00', effectiveFrom: '2026-01-01', setBy: 'c', setAt: at },
          { time: '09:30', effectiveFrom: '2026-03-05', setBy: 'c', setAt: new Date('2026-03-01T00:00:00Z') },
        ],
      },
    ];
    const r = new DeadlineResolver(rules);
    expect(r.timeFor('330521101', 'elderly-care-home', '2026-03-04').time).toBe('11:00');
    expect(r.timeFor('330521101', 'elderly-care-home', '2026-03-05').time).toBe('09:30');
    // a rule that starts later does not apply yet; the default does
    expect(r.timeFor('330521101', 'elderly-care-home', '2025-12-31').rule).toBe('default');
  });
});
