import { Injectable } from '@nestjs/common';
import { InspectionCompletedV1 } from '@civil/contracts';
import { randomUUID } from 'node:crypto';
import { Clock, deterministicId, DomainError, shanghaiDate } from '@civil/kernel';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { Versioned } from '@civil/persistence';
import { RectificationIssuesService } from '../../rectification/application/rectification-issues.service';
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
import { inspectionCompletedEvent, inspectionStartedEvents } from './inspection-integration-events.mapper';
import { InspectionSettingsReader } from './inspection-settings.reader';

const CAS_ATTEMPTS = 8;

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
    private readonly issues: RectificationIssuesService,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async list(by: Principal, q: Omit<InspectionQuery, 'jurisdiction' | 'unitId'>, limit: number, skip: number) {
    const viewer = { unitScoped: isUnitScoped(by), unitId: by.unitId };
    const found = await this.inspections.list({ ...q, jurisdiction: by.jurisdiction, unitId: viewer.unitScoped ? by.unitId : undefined }, limit, skip);
    return found.filter((i) => visibleTo(i, viewer)).map(inspectionView);
  }

  async get(inspectionId: string, by: Principal) {
    return inspectionView((await this.load(inspectionId, by)).value);
  }

  /** The team arrives (or the unit begins its self-inspection); the checklist in force is fixed for the visit. */
  async start(inspectionId: string, input: { teamId?: string }, by: Principal) {
    const started = await this.change(inspectionId, by, async (i, now) => {
      const checklist = await this.checklists.current(i.unitType);
      const started = startInspection(i, { now, by: by.sub, teamId: input.teamId, checklist });
      return { next: started, events: inspectionStartedEvents(i, started, now) };
    });
    return inspectionView(started);
  }

  async recordResults(inspectionId: string, results: { code: string; outcome: ChecklistOutcome; note?: string }[], by: Principal) {
    return inspectionView(await this.change(inspectionId, by, async (i, now) => ({ next: recordResults(i, results, now, by.sub), events: [] })));
  }

  async addFinding(inspectionId: string, input: NewFinding, by: Principal) {
    const findingId = `f-${randomUUID()}`;
    const next = await this.change(inspectionId, by, async (i, now) => ({ next: addFinding(i, { ...input, findingId }, now, by.sub).inspection, events: [] }));
    return findingView(next.findings.find((f) => f.findingId === findingId)!);
  }

  /**
   * Completes the visit and opens one rectification issue per finding (idempotent by finding id).
   * Completing again after a failure part-way only opens the issues still missing.
   */
  async complete(inspectionId: string, input: { responsibleHead?: string }, by: Principal) {
    const loaded = await this.load(inspectionId, by, true);
    let completed = loaded.value;
    if (completed.status !== 'completed') {
      completed = await this.change(inspectionId, by, async (i, now) => {
        const today = shanghaiDate(now);
        const next = completeInspection(i, { now, by: by.sub, today, deadlines: await this.settings.deadlines(i.divisionCode, today), responsibleHead: input.responsibleHead });
        return { next, events: [inspectionCompletedEvent(next, now)] };
      });
    }
    return inspectionView(await this.openIssues(completed, by));
  }

  private async openIssues(i: Inspection, by: Principal): Promise<Inspection> {
    const pending = i.findings.filter((f) => !f.issueId);
    if (!pending.length) return i;
    const completedEventId = deterministicId(InspectionCompletedV1.type, i.inspectionId);
    const opened = new Map<string, string>();
    for (const f of pending) {
      const { issueId } = await this.issues.openFromFinding(
        {
          findingId: f.findingId,
          inspectionId: i.inspectionId,
          unitId: i.unitId,
          divisionCode: i.divisionCode,
          summary: f.summary,
          severity: f.letter,
          dueDate: f.dueDate!,
          responsibleHead: f.responsibleHead!,
          openedBy: i.completedBy ?? by.sub,
        },
        { correlationId: completedEventId, causationId: completedEventId },
      );
      opened.set(f.findingId, issueId);
    }
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = (await this.inspections.get(i.inspectionId))!;
      const next = { ...current.value, findings: current.value.findings.map((f) => ({ ...f, issueId: f.issueId ?? opened.get(f.findingId) ?? null })) };
      if (await this.inspections.save(current, next, [])) return next;
    }
    return { ...i, findings: i.findings.map((f) => ({ ...f, issueId: f.issueId ?? opened.get(f.findingId) ?? null })) };
  }

  /**
   * Reads the inspection as the caller may see it. Unit staff get 404 for anything they may not
   * know of (another unit's, or a visit not yet started), so existence never leaks; acting on a
   * team's inspection they can see is 403.
   */
  private async load(inspectionId: string, by: Principal, write = false): Promise<Versioned<Inspection>> {
    const loaded = await this.inspections.get(inspectionId);
    const unitScoped = isUnitScoped(by);
    if (!loaded || (unitScoped && !visibleTo(loaded.value, { unitScoped, unitId: by.unitId }))) {
      throw DomainError.notFound('InspectionNotFound', `no inspection ${inspectionId}`);
    }
    assertCovers(by, loaded.value.divisionCode, unitScoped ? loaded.value.unitId : undefined);
    if (write && unitScoped && loaded.value.mode !== 'self-inspection') {
      throw DomainError.forbidden('TeamOnly', 'only the inspection team records a team inspection; units file self-inspections (自查自纠)');
    }
    return loaded;
  }

  private async change(inspectionId: string, by: Principal, decide: (i: Inspection, now: Date) => Promise<{ next: Inspection; events: OutboxEntry[] }>): Promise<Inspection> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const loaded = await this.load(inspectionId, by, true);
      const now = this.clock.now();
      const { next, events } = await decide(loaded.value, now);
      if (await this.inspections.save(loaded, next, events)) {
        if (events.length) this.relay.notifyWritten(InspectionRepository.COLLECTION, [{ docId: inspectionId, entries: events }]);
        return next;
      }
    }
    throw DomainError.conflict('ConcurrentUpdate', `inspection ${inspectionId} kept changing; try again`);
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
  const { divisionAncestors: _a, schedulePublished: _p, ...rest } = i;
  return {
    ...rest,
    modeLabel: INSPECTION_MODE_LABELS[i.mode],
    statusLabel: INSPECTION_STATUS_LABELS[i.status],
    results: i.results.map((r) => ({ ...r, outcomeLabel: CHECKLIST_OUTCOME_LABELS[r.outcome] })),
    findings: i.findings.map(findingView),
  };
}
