import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { assertFoundWithin, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { Versioned } from '@civil/persistence';
import {
  addFinding,
  CHECKLIST_OUTCOME_LABELS,
  ChecklistOutcome,
  completeInspection,
  Finding,
  Inspection,
  INSPECTION_MODE_LABELS,
  INSPECTION_STATUS_LABELS,
  recordResults,
  startInspection,
  visibleTo,
} from '../domain/inspection';
import { FINDING_SCOPE_LABELS, FindingScope, HARM_LEVEL_LABELS, HarmLevel, SEVERITY_GRID_LETTER_LABELS } from '../domain/severity-grid';
import { InspectionQuery, InspectionRepository } from '../infrastructure/inspection.repository';
import { ChecklistTemplatesService } from './checklist-templates.service';
import { SelfInspectionsService } from '../../self-inspections/application/self-inspections.service';
import { FindingIssuesService } from './finding-issues.service';
import { InspectionChange } from './inspection-integration-events.mapper';
import { InspectionSettingsReader } from './inspection-settings.reader';
import { InspectionTeamsService } from './inspection-teams.service';

export interface NewFinding {
  checklistCode?: string;
  summary: string;
  scope: FindingScope;
  harmLevel: HarmLevel;
  responsibleHead?: string;
}

/**
 * One inspection from the team's arrival to completion: checklist results, findings, and at
 * completion every finding opened as a rectification issue (问题清单) with the due day its grid
 * letter sets. Unit staff never learn of an unannounced or covert visit before it starts: to
 * them it does not exist (404), whichever way they ask.
 */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly inspections: InspectionRepository,
    private readonly checklists: ChecklistTemplatesService,
    private readonly settings: InspectionSettingsReader,
    private readonly findingIssues: FindingIssuesService,
    private readonly teams: InspectionTeamsService,
    private readonly selfInspections: SelfInspectionsService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** A page of inspections; for unit staff the visibility rule is part of the query, so paging reveals nothing hidden. */
  async list(by: Principal, q: Omit<InspectionQuery, 'jurisdiction' | 'unitId' | 'knownToUnit'>, limit: number, skip: number) {
    const viewer = { unitScoped: isUnitScoped(by), unitId: by.unitId };
    const found = await this.inspections.list(
      { ...q, jurisdiction: by.jurisdiction, unitId: viewer.unitScoped ? by.unitId : undefined, knownToUnit: viewer.unitScoped },
      limit,
      skip,
    );
    return found.filter((i) => visibleTo(i, viewer)).map(inspectionView);
  }

  async get(inspectionId: string, by: Principal) {
    return inspectionView((await this.load(inspectionId, by)).value);
  }

  /**
   * The team arrives (or the unit begins its self-inspection); the checklist in force is fixed for
   * the visit. A team named here must exist and cover the unit's division; a self-inspection has
   * no team, so unit staff never name one.
   */
  async start(inspectionId: string, input: { teamId?: string }, by: Principal) {
    // what the start needs from elsewhere, read first (an inspection's unit, division and mode never change)
    const { value: i } = await this.load(inspectionId, by, true);
    if (input.teamId) {
      if (isUnitScoped(by) || i.mode === 'self-inspection') {
        throw DomainError.invalid(
          'TeamNotAllowed',
          'teamId must not be given: a self-inspection (自查自纠) is filed by the unit itself, without a team',
          { field: 'teamId' },
        );
      }
      await this.teams.teamCovering(input.teamId, i.divisionCode);
    }
    // the template that applies where the unit is: the round's combined checklist, else the target type's own
    const checklist = await this.checklists.current(i.checklistKey ?? i.unitType, i.divisionCode);
    const now = this.clock.now();
    const started = await this.change(inspectionId, by, (current) => ({
      next: startInspection(current, { now, by: by.sub, teamId: input.teamId, checklist }),
      changes: [{ type: 'started', at: now }],
    }));
    return inspectionView(started);
  }

  async recordResults(inspectionId: string, results: { code: string; outcome: ChecklistOutcome; note?: string }[], by: Principal) {
    const now = this.clock.now();
    return inspectionView(await this.change(inspectionId, by, (i) => ({ next: recordResults(i, results, now, by.sub), changes: [] })));
  }

  async addFinding(inspectionId: string, input: NewFinding, by: Principal) {
    const findingId = `f-${randomUUID()}`;
    const now = this.clock.now();
    const next = await this.change(inspectionId, by, (i) => ({
      next: addFinding(i, { ...input, findingId }, now, by.sub).inspection,
      changes: [],
    }));
    return findingView(next.findings.find((f) => f.findingId === findingId)!);
  }

  /**
   * Completes the visit and opens one rectification issue per finding (idempotent by finding id).
   * The completion write flags the findings' issues as pending; if opening them fails part-way,
   * completing again or the finding-issues sweep opens the ones still missing.
   */
  async complete(inspectionId: string, input: { responsibleHead?: string }, by: Principal) {
    const loaded = await this.load(inspectionId, by, true);
    let completed = loaded.value;
    if (completed.status !== 'completed') {
      // the region's deadlines, read before deciding (an inspection's division never changes)
      const now = this.clock.now();
      const today = shanghaiDate(now);
      const deadlines = await this.settings.deadlines(completed.divisionCode, today);
      completed = await this.change(inspectionId, by, (i) => ({
        next: completeInspection(i, { now, by: by.sub, today, deadlines, responsibleHead: input.responsibleHead }),
        changes: [{ type: 'completed', at: now }],
      }));
    }
    return inspectionView(await this.findingIssues.open(completed));
  }

  /**
   * 举一反三: an officer sends the peers of the inspected unit a self-inspection on a confirmed
   * finding (one opened as a rectification issue); the same finding sends once.
   */
  async sendSelfInspections(inspectionId: string, findingId: string, by: Principal) {
    if (isUnitScoped(by)) throw DomainError.forbidden('OfficersOnly', 'officers send self-inspection tasks to peer units');
    const { value } = await this.load(inspectionId, by);
    return this.selfInspections.launch(value, findingId, by);
  }

  /**
   * Reads the inspection as the caller may see it. 404 for anything the caller may not know of
   * (outside the jurisdiction; for unit staff another unit's, or a visit not yet started), so
   * existence never leaks; acting on a team's inspection unit staff can see is 403.
   */
  private async load(inspectionId: string, by: Principal, write = false): Promise<Versioned<Inspection>> {
    const loaded = await this.inspections.get(inspectionId);
    if (!loaded) throw inspectionNotFound(inspectionId);
    assertMayReach(by, loaded.value, write);
    return loaded;
  }

  /** Checks the caller's reach on the inspection as read and applies one step; the store writes it with its events. */
  private async change(
    inspectionId: string,
    by: Principal,
    step: (i: Inspection) => { next: Inspection; changes: InspectionChange[] },
  ): Promise<Inspection> {
    const { state } = await this.inspections.store.change(
      inspectionId,
      (current) => {
        assertMayReach(by, current, true);
        return step(current);
      },
      () => inspectionNotFound(inspectionId),
    );
    return state;
  }
}

function inspectionNotFound(inspectionId: string): DomainError {
  return DomainError.notFound('InspectionNotFound', `no inspection ${inspectionId}`);
}

/** What `load` checks, on an inspection as read: 404 for what the caller may not know of, 403 for a unit acting on a team's visit. */
function assertMayReach(by: Principal, i: Inspection, write: boolean): void {
  const notFound = () => inspectionNotFound(i.inspectionId);
  const unitScoped = isUnitScoped(by);
  if (unitScoped && !visibleTo(i, { unitScoped, unitId: by.unitId })) throw notFound();
  assertFoundWithin(by, notFound, i.divisionCode, unitScoped ? i.unitId : undefined);
  if (write && unitScoped && i.mode !== 'self-inspection') {
    throw DomainError.forbidden('TeamOnly', 'only the inspection team records a team inspection; units file self-inspections (自查自纠)');
  }
}

export function findingView(f: Finding) {
  return {
    ...f,
    letterLabel: SEVERITY_GRID_LETTER_LABELS[f.letter],
    scopeLabel: FINDING_SCOPE_LABELS[f.scope],
    harmLevelLabel: HARM_LEVEL_LABELS[f.harmLevel],
  };
}

export function inspectionView(i: Inspection) {
  const { divisionAncestors: _a, schedulePublished: _p, issuesPending: _i, ...rest } = i;
  return {
    ...rest,
    modeLabel: INSPECTION_MODE_LABELS[i.mode],
    statusLabel: INSPECTION_STATUS_LABELS[i.status],
    results: i.results.map((r) => ({ ...r, outcomeLabel: CHECKLIST_OUTCOME_LABELS[r.outcome] })),
    findings: i.findings.map(findingView),
  };
}
