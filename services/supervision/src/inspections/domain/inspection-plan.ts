import { InspectionMode } from '@civil/contracts';
import { CombinedChecklist } from './checklist-template';

/**
 * A round (轮次) of inspections: one team, one mode, a period, and the units it visits, each on
 * its scheduled day. Each unit gets its own inspection; the plan keeps the list.
 */
export interface InspectionPlan {
  planId: string;
  title: string;
  /** The round number the region gives it (第 N 轮), if any. */
  round: number | null;
  mode: InspectionMode;
  /** null for a self-inspection, which the unit files itself. */
  teamId: string | null;
  /** A combined checklist (消防安全与疫情防控结合) every inspection of the round uses; absent: each target type's own. */
  checklist?: CombinedChecklist;
  /** The division the round covers (the team's, or the unit's for a self-inspection). */
  divisionCode: string;
  divisionAncestors: string[];
  periodStart: string;
  periodEnd: string;
  units: PlannedUnit[];
  createdBy: string;
  createdAt: Date;
}

export interface PlannedUnit {
  unitId: string;
  inspectionId: string;
  scheduledDate: string;
}
