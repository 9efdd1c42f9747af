import { DomainError } from '@civil/kernel';
import { coverageOf, isBelowFloor, recordCoverage, totals, UnitCoverage } from './vaccination-coverage';

const ctx = (now = '2026-03-02T02:00:00Z') => ({ unitId: 'u-1', now: new Date(now) });
const full = { eligible: 10, vaccinated: 10 };

describe('coverage and the 91.2% floor', () => {
  it('is vaccinated / eligible, rounded down to four decimals', () => {
    expect(coverageOf({ eligible: 240, vaccinated: 212 })).toBe(0.8833);
    expect(coverageOf({ eligible: 3, vaccinated: 2 })).toBe(0.6666);
    expect(coverageOf({ eligible: 1000, vaccinated: 912 })).toBe(0.912);
  });

  it('is 1 with nobody eligible, which is never below the floor', () => {
    expect(coverageOf({ eligible: 0, vaccinated: 0 })).toBe(1);
    expect(isBelowFloor({ eligible: 0, vaccinated: 0 })).toBe(false);
  });

  it('calls exactly 91.2% at the floor, and anything less below it', () => {
    expect(isBelowFloor({ eligible: 1000, vaccinated: 912 })).toBe(false);
    expect(isBelowFloor({ eligible: 1000, vaccinated: 911 })).toBe(true);
    expect(isBelowFloor({ eligible: 125, vaccinated: 114 })).toBe(false); // 91.2% exactly
    expect(isBelowFloor({ eligible: 125, vaccinated: 113 })).toBe(true); // 90.4%
  });

  it('never shows a below-floor coverage as 0.912', () => {
    const c = { eligible: 100_000, vaccinated: 91_199 }; // 0.91199
    expect(isBelowFloor(c)).toBe(true);
    expect(coverageOf(c)).toBe(0.9119);
  });
});

describe('below-floor episodes', () => {
  it('opens once per group when it falls below, not again while it stays below, and restores once', () => {
    const first = recordCoverage(undefined, { residents: { eligible: 100, vaccinated: 92 }, staff: full }, ctx());
    expect(first.transitions).toEqual([]);
    expect(first.next.residents).toMatchObject({
      coverage: 0.92,
      unvaccinatedEligible: 8,
      belowFloor: false,
      episodeCount: 0,
      openEpisode: null,
    });

    const below = recordCoverage(first.next, { residents: { eligible: 100, vaccinated: 91 }, staff: full }, ctx('2026-03-03T02:00:00Z'));
    expect(below.transitions).toEqual([{ kind: 'below', group: 'residents', episodeId: 'u-1:residents:1' }]);
    expect(below.next.residents).toMatchObject({
      belowFloor: true,
      unvaccinatedEligible: 9,
      openEpisode: { episodeId: 'u-1:residents:1', detectedAt: new Date('2026-03-03T02:00:00Z') },
    });

    const still = recordCoverage(below.next, { residents: { eligible: 110, vaccinated: 95 }, staff: full }, ctx());
    expect(still.transitions).toEqual([]);
    expect(still.next.residents.openEpisode?.episodeId).toBe('u-1:residents:1');

    const restored = recordCoverage(still.next, { residents: { eligible: 125, vaccinated: 114 }, staff: full }, ctx());
    expect(restored.transitions).toEqual([{ kind: 'restored', group: 'residents', episodeId: 'u-1:residents:1' }]);
    expect(restored.next.residents).toMatchObject({ coverage: 0.912, belowFloor: false, openEpisode: null, episodeCount: 1 });

    const again = recordCoverage(
      restored.next,
      { residents: { eligible: 125, vaccinated: 113 }, staff: { eligible: 10, vaccinated: 9 } },
      ctx(),
    );
    expect(again.transitions).toEqual([
      { kind: 'below', group: 'residents', episodeId: 'u-1:residents:2' },
      { kind: 'below', group: 'staff', episodeId: 'u-1:staff:1' },
    ]);
  });

  it('refuses vaccinated above eligible, naming the field', () => {
    let error: DomainError | undefined;
    try {
      recordCoverage(undefined, { residents: full, staff: { eligible: 5, vaccinated: 6 } }, ctx());
    } catch (e) {
      error = e as DomainError;
    }
    expect(error).toMatchObject({ kind: 'invalid', code: 'VaccinatedExceedEligible', details: { field: 'staff.vaccinated' } });
  });
});

describe('totals over units', () => {
  it('sums the counts and takes the coverage of the sums', () => {
    const unit = (unitId: string, r: [number, number], s: [number, number]) => ({
      unitId,
      coverage: recordCoverage(
        undefined,
        { residents: { eligible: r[0], vaccinated: r[1] }, staff: { eligible: s[0], vaccinated: s[1] } },
        { unitId, now: new Date() },
      ).next as UnitCoverage,
    });
    const units = [unit('a', [100, 80], [20, 20]), unit('b', [50, 50], [0, 0]), unit('c', [10, 9], [30, 27])];
    expect(totals(units, 'residents')).toEqual({
      eligible: 160,
      vaccinated: 139,
      coverage: 0.8687,
      unvaccinatedEligible: 21,
      belowFloor: true,
      unitsBelowFloor: ['a', 'c'],
    });
    expect(totals(units, 'staff')).toEqual({
      eligible: 50,
      vaccinated: 47,
      coverage: 0.94,
      unvaccinatedEligible: 3,
      belowFloor: false,
      unitsBelowFloor: ['c'],
    });
    expect(totals([], 'staff')).toMatchObject({ eligible: 0, coverage: 1, belowFloor: false });
  });
});
