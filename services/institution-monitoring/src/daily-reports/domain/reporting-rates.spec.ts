import { computeReportingRates, expectedUnits, notReported, ReportingRatesTally } from './reporting-rates';
import type { ReportingUnit } from './missed-reports';

/**
 * A hand-computed fixture: county 330521 with two townships, 6 units, on 2026-03-02 (deadline
 * 10:00 Beijing = 02:00Z).
 *   330521101: a (on time), b (late), c (missed)          → expected 3, actual 2, on time 1
 *   330521102: d (on time), e (registered after deadline: owes nothing), f (relief station, on time)
 *                                                         → expected 2, actual 2, on time 2
 * County: expected 5, actual 4, on time 3 → reporting 80.0 %, on time 60.0 %.
 */
const deadline = new Date('2026-03-02T02:00:00Z');
const before = new Date('2026-03-01T00:00:00Z');
const u = (
  unitId: string,
  divisionCode: string,
  unitType: ReportingUnit['unitType'] = 'elderly-care-home',
  registeredAt = before,
): ReportingUnit => ({
  unitId,
  divisionCode,
  unitType,
  registeredAt,
  divisionAncestors: [],
});
const units = [
  u('a', '330521101'),
  u('b', '330521101'),
  u('c', '330521101'),
  u('d', '330521102'),
  u('e', '330521102', 'elderly-care-home', new Date('2026-03-02T03:00:00Z')),
  u('f', '330521102', 'relief-station'),
];
const filed = [
  { unitId: 'a', status: 'submitted' as const, late: false },
  { unitId: 'b', status: 'submitted' as const, late: true },
  { unitId: 'c', status: 'missed' as const },
  { unitId: 'd', status: 'submitted' as const, late: false },
  { unitId: 'f', status: 'submitted' as const, late: false },
];

describe('reporting rates', () => {
  const expected = expectedUnits(units, () => deadline);
  const rates = computeReportingRates({ date: '2026-03-02', divisionCode: '330521', unitType: null }, expected, filed);

  it('counts expected, actual and on-time reports as DHIS2 does', () => {
    expect(rates).toMatchObject({ expected: 5, actual: 4, onTime: 3, late: 1, notReported: 1, reportingRate: 80, onTimeRate: 60 });
  });

  it('comes to the same figures counted a page of units at a time (each page with the reports filed for it)', () => {
    const pages = [expected.slice(0, 2), expected.slice(2, 3), expected.slice(3)];
    const tally = new ReportingRatesTally({ date: '2026-03-02', divisionCode: '330521', unitType: null });
    for (const page of pages)
      tally.add(
        page,
        filed.filter((f) => page.some((p) => p.unitId === f.unitId)),
      );
    expect(tally.result()).toEqual(rates);
  });

  it('breaks down by the next division level', () => {
    expect(rates.byDivision).toEqual([
      { divisionCode: '330521101', expected: 3, actual: 2, onTime: 1, late: 1, notReported: 1, reportingRate: 66.7, onTimeRate: 33.3 },
      { divisionCode: '330521102', expected: 2, actual: 2, onTime: 2, late: 0, notReported: 0, reportingRate: 100, onTimeRate: 100 },
    ]);
  });

  it('breaks down by unit type', () => {
    expect(rates.byUnitType.map((t) => [t.unitType, t.expected, t.actual])).toEqual([
      ['elderly-care-home', 4, 3],
      ['relief-station', 1, 1],
    ]);
  });

  it('drills down to the units that have not reported', () => {
    expect(notReported(expected, filed, () => deadline, new Date('2026-03-02T05:00:00Z'))).toEqual([
      { unitId: 'c', unitType: 'elderly-care-home', divisionCode: '330521101', deadline, deadlinePassed: true },
    ]);
  });

  it('is 100 % when nothing was expected', () => {
    expect(computeReportingRates({ date: '2026-03-02', divisionCode: '330522', unitType: null }, [], [])).toMatchObject({
      expected: 0,
      reportingRate: 100,
      onTimeRate: 100,
    });
  });
});
