import type { UnitType } from '@civil/contracts';
import { DeadlineResolver } from '../../reporting-deadlines/domain/reporting-deadline';

export interface ReportingUnit {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  registeredAt: Date;
}

export interface MissedReport {
  unit: ReportingUnit;
  day: string;
  deadline: Date;
}

/**
 * The units whose deadline for `day` has passed at `now` with no report. A unit registered after
 * the deadline owes nothing for that day.
 */
export function findMissedReports(
  units: readonly ReportingUnit[],
  reported: ReadonlySet<string>,
  deadlines: DeadlineResolver,
  day: string,
  now: Date,
): MissedReport[] {
  const missed: MissedReport[] = [];
  for (const unit of units) {
    if (reported.has(unit.unitId)) continue;
    const deadline = deadlines.deadlineFor(unit.divisionCode, unit.unitType, day);
    if (deadline.getTime() > now.getTime() || unit.registeredAt.getTime() > deadline.getTime()) continue;
    missed.push({ unit, day, deadline });
  }
  return missed;
}
