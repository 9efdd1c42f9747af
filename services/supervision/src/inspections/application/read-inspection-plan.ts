import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { assertFoundWithin, isUnitScoped, Principal } from '@civil/platform';
import { InspectionPlanRepository } from '../infrastructure/inspection-plan.repository';
import { InspectionPlanViews } from './inspection-plan-views';

/** One round; unknown, outside the caller's reach, or (to a unit) with no visit it may know of: 404. */
@Injectable()
export class ReadInspectionPlan {
  constructor(
    private readonly plans: InspectionPlanRepository,
    private readonly views: InspectionPlanViews,
  ) {}

  async execute(planId: string, by: Principal) {
    const plan = await this.plans.get(planId);
    const notFound = () => DomainError.notFound('PlanNotFound', `no inspection round ${planId}`);
    if (!plan) throw notFound();
    if (!isUnitScoped(by)) assertFoundWithin(by, notFound, plan.divisionCode);
    const v = await this.views.view(plan, by);
    if (isUnitScoped(by) && v.units.length === 0) throw notFound();
    return v;
  }
}
