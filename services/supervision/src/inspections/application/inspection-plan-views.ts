import { Injectable } from '@nestjs/common';
import { covers } from '@civil/kernel';
import { isUnitScoped, Principal } from '@civil/platform';
import { Inspection, INSPECTION_MODE_LABELS, INSPECTION_STATUS_LABELS, visibleTo } from '../domain/inspection';
import { InspectionPlan } from '../domain/inspection-plan';
import { InspectionRepository } from '../infrastructure/inspection.repository';

/** How a round (轮次) of inspections is shown to a caller. */
@Injectable()
export class InspectionPlanViews {
  constructor(private readonly inspections: InspectionRepository) {}

  /** The round with each unit's inspection status; unit staff see only their own visible entry. */
  async view(plan: InspectionPlan, by: Principal) {
    const viewer = { unitScoped: isUnitScoped(by), unitId: by.unitId };
    const entries = viewer.unitScoped ? plan.units.filter((u) => u.unitId === by.unitId) : plan.units;
    const found = await this.inspections.getMany(entries.map((u) => u.inspectionId));
    const visible = entries.filter((u) => {
      const i = found.get(u.inspectionId);
      return i ? visibleTo(i, viewer) && (viewer.unitScoped || covers(by.jurisdiction, i.divisionCode)) : !viewer.unitScoped;
    });
    const { divisionAncestors: _a, units: _u, ...rest } = plan;
    return {
      ...rest,
      modeLabel: INSPECTION_MODE_LABELS[plan.mode],
      units: visible.map((u) => {
        const i: Inspection | undefined = found.get(u.inspectionId);
        return { ...u, status: i?.status ?? 'scheduled', statusLabel: INSPECTION_STATUS_LABELS[i?.status ?? 'scheduled'] };
      }),
    };
  }
}
