import { Injectable } from '@nestjs/common';
import { isUnitScoped, Principal } from '@civil/platform';
import { InspectionRepository } from '../infrastructure/inspection.repository';
import { InspectionPlanRepository } from '../infrastructure/inspection-plan.repository';
import { InspectionPlanViews } from './inspection-plan-views';

/**
 * Rounds in the caller's jurisdiction. A unit sees only rounds whose visit to it it may know of:
 * they are found from its inspections, read with the visibility rule in the query, so no round
 * of a hidden visit is ever read for it (nor takes a place in the limit).
 */
@Injectable()
export class ListInspectionPlans {
  constructor(
    private readonly plans: InspectionPlanRepository,
    private readonly inspections: InspectionRepository,
    private readonly views: InspectionPlanViews,
  ) {}

  async execute(by: Principal, mode?: string) {
    if (!isUnitScoped(by))
      return Promise.all((await this.plans.list({ jurisdiction: by.jurisdiction, mode }, 500)).map((p) => this.views.view(p, by)));
    const known = await this.inspections.list({ jurisdiction: by.jurisdiction, unitId: by.unitId, mode, knownToUnit: true }, 500);
    const plans = await this.plans.getMany([...new Set(known.map((i) => i.planId).filter((id): id is string => !!id))]);
    const views = await Promise.all(plans.map((p) => this.views.view(p, by)));
    return views.filter((v) => v.units.length > 0);
  }
}
