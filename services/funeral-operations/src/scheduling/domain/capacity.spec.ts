import { hoursAvailable, hoursQueued, initialMeasure, nextMeasureState, rankAlternatives, ratioOf } from './capacity';
import { instantOf, windowOf } from './placement';

describe('capacity episodes (hysteresis)', () => {
  const now = new Date('2026-03-06T02:00:00Z');

  it('strains once at the threshold, stays strained between the thresholds, recovers once below the recovered one', () => {
    let s = initialMeasure('cold-storage');
    const steps = [0.5, 0.9, 0.95, 0.8, 0.76, 0.7, 0.72, 0.91].map((ratio) => {
      const r = nextMeasureState(s, ratio, 0.9, 0.75, now);
      s = r.state;
      return r.change && `${r.change.kind}#${r.change.episode}`;
    });
    expect(steps).toEqual([null, 'strained#1', null, null, null, 'recovered#1', null, 'strained#2']);
  });

  it('computes ratios, capped when nothing is available', () => {
    expect(ratioOf(9, 10)).toBe(0.9);
    expect(ratioOf(1, 0)).toBe(99);
    expect(ratioOf(0, 0)).toBe(0);
  });

  it('counts hours available within the horizon and hours queued', () => {
    const w = [windowOf('c1', '2026-03-06', { start: '08:00', end: '17:00' })];
    expect(hoursAvailable(w, instantOf('2026-03-06', '10:00'), 24)).toBe(7);
    expect(hoursAvailable(w, instantOf('2026-03-06', '10:00'), 2)).toBe(2);
    const b = {
      caseId: 'x',
      crematorId: 'c1',
      start: instantOf('2026-03-06', '10:00'),
      end: instantOf('2026-03-06', '11:30'),
      infectious: false,
      cremateBy: null,
      doneAt: null,
    };
    expect(hoursQueued([b, { ...b, doneAt: now }], 2, 90)).toBe(4.5);
  });

  it('proposes only homes under the thresholds, shortest wait first', () => {
    const ranked = rankAlternatives(
      [
        { homeId: 'a', coldStorageRatio: 0.95, backlogRatio: 0.1, expectedWaitMinutes: 0 },
        { homeId: 'b', coldStorageRatio: 0.2, backlogRatio: 0.5, expectedWaitMinutes: 120 },
        { homeId: 'c', coldStorageRatio: 0.5, backlogRatio: 0.2, expectedWaitMinutes: 30 },
        { homeId: 'd', coldStorageRatio: 0.1, backlogRatio: 0.1, expectedWaitMinutes: null },
      ],
      0.9,
      1,
    );
    expect(ranked.map((r) => r.homeId)).toEqual(['c', 'b']);
  });
});
