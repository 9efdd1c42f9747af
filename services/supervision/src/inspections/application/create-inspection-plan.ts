import { Injectable } from '@nestjs/common';
import { InspectionMode } from '@civil/contracts';
import { Clock, covers, deterministicId, divisionAncestors, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { CombinedChecklist } from '../domain/checklist-template';
import { INSPECTION_MODE_LABELS, newInspection } from '../domain/inspection';
import { InspectionPlan } from '../domain/inspection-plan';
import { InspectionRepository } from '../infrastructure/inspection.repository';
import { InspectionPlanRepository } from '../infrastructure/inspection-plan.repository';
import { InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';
import { InspectionPlanViews } from './inspection-plan-views';
import { InspectionTeamsService } from './inspection-teams.service';

export interface NewPlan {
  /** The caller's id for the round, so a retried request finds the round it created. */
  planId?: string;
  title: string;
  round?: number;
  mode: InspectionMode;
  teamId?: string;
  /** A combined checklist every inspection of the round uses instead of its target type's own. */
  checklist?: CombinedChecklist;
  periodStart: string;
  periodEnd: string;
  units: { unitId: string; scheduledDate: string }[];
}

/**
 * Creates a round (轮次) of inspections. A round names its team, mode, period and units; each unit
 * gets an inspection on its day. A self-inspection (自查自纠) is filed by the unit itself, or ordered
 * for many units by an office.
 *
 * Creating a round writes its inspections first (ids derived from round and unit) and the round
 * last, so a crash part-way leaves no round naming a missing inspection. The round's id is the
 * caller's `planId`, or derives from the caller and the whole request: a retried request (after
 * a crash or a lost response) writes the missing parts and returns the same round, never a second.
 */
@Injectable()
export class CreateInspectionPlan {
  constructor(
    private readonly plans: InspectionPlanRepository,
    private readonly inspections: InspectionRepository,
    private readonly units: InspectionUnitRepository,
    private readonly teams: InspectionTeamsService,
    private readonly views: InspectionPlanViews,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: NewPlan, by: Principal) {
    const unitScoped = isUnitScoped(by);
    if (input.periodEnd < input.periodStart)
      throw DomainError.invalid('InvalidPeriod', 'periodEnd must not be before periodStart', { field: 'periodEnd' });
    if (input.mode !== 'self-inspection' && unitScoped)
      throw DomainError.forbidden('SelfInspectionOnly', 'unit staff may only file a self-inspection (自查自纠) of their own unit');
    if (input.mode !== 'self-inspection' && !input.teamId)
      throw DomainError.invalid('TeamRequired', `teamId is required for a ${input.mode} (${INSPECTION_MODE_LABELS[input.mode]}) round`, {
        field: 'teamId',
      });
    if (unitScoped && (input.units.length !== 1 || input.units[0].unitId !== by.unitId)) {
      throw DomainError.invalid('OwnUnitOnly', `units must name only your own unit ${by.unitId}`, { field: 'units' });
    }
    const team = input.teamId ? await this.teams.teamFor(input.teamId, by) : undefined;
    const known = await this.units.getMany(input.units.map((u) => u.unitId));
    const seen = new Set<string>();
    input.units.forEach((u, k) => {
      const unit = known.get(u.unitId);
      const unknown = () =>
        DomainError.invalid('UnknownUnit', `units.${k}.unitId ${u.unitId} is not a registered unit`, { field: `units.${k}.unitId` });
      if (!unit) throw unknown();
      // a unit outside the caller's reach is answered as an unknown one
      assertFoundWithin(by, unknown, unit.divisionCode, u.unitId);
      if (seen.has(u.unitId))
        throw DomainError.invalid('DuplicateUnit', `units.${k}.unitId ${u.unitId} is listed twice`, { field: `units.${k}.unitId` });
      seen.add(u.unitId);
      if (team && !covers(team.divisionCode, unit.divisionCode)) {
        throw DomainError.invalid(
          'OutsideTeamDivision',
          `units.${k}.unitId ${u.unitId} lies outside the team's division ${team.divisionCode}`,
          { field: `units.${k}.unitId` },
        );
      }
      if (u.scheduledDate < input.periodStart || u.scheduledDate > input.periodEnd) {
        throw DomainError.invalid(
          'OutsidePeriod',
          `units.${k}.scheduledDate ${u.scheduledDate} is outside the period ${input.periodStart}–${input.periodEnd}`,
          { field: `units.${k}.scheduledDate` },
        );
      }
    });
    const now = this.clock.now();
    const planId = input.planId ?? `ip-${deterministicId('inspection-plan', by.sub, planContent(input))}`;
    const divisionCode = team?.divisionCode ?? (unitScoped ? known.get(by.unitId!)!.divisionCode : by.jurisdiction);
    const requested: InspectionPlan = {
      planId,
      title: input.title,
      round: input.round ?? null,
      mode: input.mode,
      teamId: team?.teamId ?? null,
      ...(input.checklist ? { checklist: input.checklist } : {}),
      divisionCode,
      divisionAncestors: divisionAncestors(divisionCode),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      units: input.units.map((u) => ({
        unitId: u.unitId,
        scheduledDate: u.scheduledDate,
        inspectionId: deterministicId('inspection', planId, u.unitId),
      })),
      createdBy: by.sub,
      createdAt: now,
    };
    const existing = await this.plans.get(planId);
    const plan = existing ? this.sameOrConflict(existing, requested) : requested;
    for (const planned of plan.units) {
      const unit = known.get(planned.unitId)!;
      const inspection = newInspection({
        inspectionId: planned.inspectionId,
        planId,
        unitId: unit.unitId,
        unitType: unit.unitType,
        ...(plan.checklist ? { checklistKey: plan.checklist } : {}),
        divisionCode: unit.divisionCode,
        divisionAncestors: unit.divisionAncestors,
        mode: plan.mode,
        teamId: plan.teamId,
        scheduledDate: planned.scheduledDate,
        scheduledAt: now,
        trigger: null,
      });
      // false: written by an earlier attempt of this request, with its events (an unannounced or covert visit has none until it starts)
      await this.inspections.store.create(inspection, [{ type: 'scheduled', at: now }]);
    }
    if (!existing && !(await this.plans.store.create(plan, []))) {
      // the same request, concurrently: the round is the one it wrote
      return this.views.view(this.sameOrConflict((await this.plans.get(planId))!, requested), by);
    }
    return this.views.view(plan, by);
  }

  /** A round already written under this id: the same round again, or a conflict naming planId. */
  private sameOrConflict(existing: InspectionPlan, requested: InspectionPlan): InspectionPlan {
    if (planContent(existing) !== planContent(requested)) {
      throw DomainError.conflict('PlanExists', `planId ${requested.planId} names another inspection round`, { field: 'planId' });
    }
    return existing;
  }
}

/** What makes two requests the same round (not who or when). */
function planContent(
  p: Pick<InspectionPlan, 'title' | 'mode' | 'periodStart' | 'periodEnd'> & {
    round?: number | null;
    teamId?: string | null;
    checklist?: string | null;
    units: { unitId: string; scheduledDate: string }[];
  },
): string {
  return JSON.stringify([
    p.title,
    p.round ?? null,
    p.mode,
    p.teamId ?? null,
    p.periodStart,
    p.periodEnd,
    p.units.map((u) => [u.unitId, u.scheduledDate]),
    // appended only when set, so rounds without one keep the ids they always had
    ...(p.checklist ? [p.checklist] : []),
  ]);
}
