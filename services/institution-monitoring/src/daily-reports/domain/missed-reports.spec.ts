import { DeadlineResolver } from '../../reporting-deadlines/domain/reporting-deadline';
import { findMissedReports, ReportingUnit } from './missed-reports';

const unit = (unitId: string, registeredAt = '2026-01-01T00:00:00Z'): ReportingUnit => ({
  unitId,
  unitType: 'elderly-care-home',
  divisionCode: '330521101',
  divisionAncestors: ['33', '3305', '330521', '330521101'],
  registeredAt: new Date(registeredAt),
});

describe('missed reports', () => {
  const deadlines = new DeadlineResolver([]);
  const units = [unit('a'), unit('b'), unit('c'), unit('late-registered', '2026-03-02T03:00:00Z')];

  it('are none before the deadline', () => {
    expect(findMissedReports(units, new Set(), deadlines, '2026-03-02', new Date('2026-03-02T01:59:59Z'))).toEqual([]);
  });

  it('are exactly the units without a report once the deadline passes', () => {
    const missed = findMissedReports(units, new Set(['b']), deadlines, '2026-03-02', new Date('2026-03-02T02:00:00Z'));
    expect(missed.map((m) => m.unit.unitId)).toEqual(['a', 'c']);
    expect(missed[0].deadline.toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('spare a unit registered after that day’s deadline', () => {
    const missed = findMissedReports(units, new Set(), deadlines, '2026-03-02', new Date('2026-03-02T09:00:00Z'));
    expect(missed.map((m) => m.unit.unitId)).not.toContain('late-registered');
  });
});
