import { Injectable } from '@nestjs/common';
import { InspectionMode } from '@civil/contracts';
import { randomUUID } from 'node:crypto';
import { Clock, covers, deterministicId, divisionAncestors, DomainError } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { assertCovers, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { Inspection, INSPECTION_MODE_LABELS, INSPECTION_STATUS_LABELS, newInspection, visibleTo } from '../domain/inspection';
import { InspectionPlan } from '../domain/inspection-plan';
import { InspectionRepository } from '../infrastructure/inspection.repository';
import { InspectionPlanRepository } from '../infrastructure/inspection-plan.repository';
import { InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';
import { inspectionScheduledEvent } from './inspection-integration-events.mapper';
import { InspectionTeamsService } from './inspection-teams.service';

export interface NewPlan {
  title: string;
  round?: number;
  mode: InspectionMode;
  teamId?: string;
  periodStart: string;
  periodEnd: string;
  units: { unitId: string; scheduledDate: string }[];
}

/**
 * Rounds (轮次) of inspections. A round names its team, mode, period and units; each unit gets an
 * inspection on its day. A self-inspection (自查自纠) is filed by the unit itself, or ordered for
 * many units by an office.
 */
@Injectable()
export class InspectionPlansService {
  constructor(
    private readonly plans: InspectionPlanRepository,
    private readonly inspections: InspectionRepository,
    private readonly units: InspectionUnitRepository,
    private readonly teams: InspectionTeamsService,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async create(input: NewPlan, by: Principal) {
    const unitScoped = isUnitScoped(by);
    if (input.periodEnd < input.periodStart) throw DomainError.invalid('InvalidPeriod', 'periodEnd must not be before periodStart', { field: 'periodEnd' });
    if (input.mode !== 'self-inspection' && unitScoped) throw DomainError.forbidden('SelfInspectionOnly', 'unit staff may only file a self-inspection (自查自纠) of their own unit');
    if (input.mode !== 'self-inspection' && !input.teamId) throw DomainError.invalid('TeamRequired', `teamId is required for a ${input.mode} (${INSPECTION_MODE_LABELS[input.mode]}) round`, { field: 'teamId' });
    if (unitScoped && (input.units.length !== 1 || input.units[0].unitId !== by.unitId)) {
      throw DomainError.invalid('OwnUnitOnly', `units must name only your own unit ${by.unitId}`, { field: 'units' });
    }
    const team = input.teamId ? await this.teams.teamFor(input.teamId, by) : undefined;
    const known = await this.units.getMany(input.units.map((u) => u.unitId));
    const seen = new Set<string>();
    input.units.forEach((u, k) => {
      const unit = known.get(u.unitId);
      if (!unit) throw DomainError.invalid('UnknownUnit', `units.${k}.unitId ${u.unitId} is not a registered unit`, { field: `units.${k}.unitId` });
      if (seen.has(u.unitId)) throw DomainError.invalid('DuplicateUnit', `units.${k}.unitId ${u.unitId} is listed twice`, { field: `units.${k}.unitId` });
      seen.add(u.unitId);
      assertCovers(by, unit.divisionCode, u.unitId);
      if (team && !covers(team.divisionCode, unit.divisionCode)) {
        throw DomainError.invalid('OutsideTeamDivision', `units.${k}.unitId ${u.unitId} lies outside the team's division ${team.divisionCode}`, { field: `units.${k}.unitId` });
      }
      if (u.scheduledDate < input.periodStart || u.scheduledDate > input.periodEnd) {
        throw DomainError.invalid('OutsidePeriod', `units.${k}.scheduledDate ${u.scheduledDate} is outside the period ${input.periodStart}–${input.periodEnd}`, { field: `units.${k}.scheduledDate` });
      }
    });
    const now = this.clock.now();
    const planId = `ip-${randomUUID()}`;
    const divisionCode = team?.divisionCode ?? (unitScoped ? known.get(by.unitId!)!.divisionCode : by.jurisdiction);
    const plan: InspectionPlan = {
      planId,
      title: input.title,
      round: input.round ?? null,
      mode: input.mode,
      teamId: team?.teamId ?? null,
      divisionCode,
      divisionAncestors: divisionAncestors(divisionCode),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      units: input.units.map((u) => ({ unitId: u.unitId, scheduledDate: u.scheduledDate, inspectionId: deterministicId('inspection', planId, u.unitId) })),
      createdBy: by.sub,
      createdAt: now,
    };
    await this.plans.insert(plan);
    for (const planned of plan.units) {
      const unit = known.get(planned.unitId)!;
      const inspection = newInspection({
        inspectionId: planned.inspectionId,
        planId,
        unitId: unit.unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        divisionAncestors: unit.divisionAncestors,
        mode: plan.mode,
        teamId: plan.teamId,
        scheduledDate: planned.scheduledDate,
        scheduledAt: now,
        trigger: null,
      });
      // unannounced and covert visits are published only when they start
      const events = inspection.schedulePublished ? [inspectionScheduledEvent(inspection, now)] : [];
      if (await this.inspections.insert(inspection, events)) this.relay.notifyWritten(InspectionRepository.COLLECTION, [{ docId: inspection.inspectionId, entries: events }]);
    }
    return this.view(plan, by);
  }

  /** Rounds in the caller's jurisdiction; a unit sees only rounds whose visit to it it may know of. */
  async list(by: Principal, mode?: string) {
    const unitId = isUnitScoped(by) ? by.unitId : undefined;
    // a round sits at its team's division, usually above the unit's: units find theirs by unit id
    const jurisdiction = unitId ? divisionAncestors(by.jurisdiction)[0] : by.jurisdiction;
    const plans = await this.plans.list({ jurisdiction, unitId, mode }, 500);
    const views = await Promise.all(plans.map((p) => this.view(p, by)));
    return views.filter((v) => v.units.length > 0 || !unitId);
  }

  async get(planId: string, by: Principal) {
    const plan = await this.plans.get(planId);
    const notFound = () => DomainError.notFound('PlanNotFound', `no inspection round ${planId}`);
    if (!plan) throw notFound();
    if (!isUnitScoped(by)) assertCovers(by, plan.divisionCode);
    const v = await this.view(plan, by);
    if (isUnitScoped(by) && v.units.length === 0) throw notFound();
    return v;
  }

  /** The round with each unit's inspection status; unit staff see only their own visible entry. */
  private async view(plan: InspectionPlan, by: Principal) {
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
