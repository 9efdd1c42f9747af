import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SelfInspectionOutcome } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, divisionAt, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, isUnitScoped, Principal, RegionalSettingsService } from '@civil/platform';
import { InspectionSettingsReader } from '../../inspections/application/inspection-settings.reader';
import { Finding, Inspection } from '../../inspections/domain/inspection';
import { INSPECTION_TARGET_TYPE_LABELS } from '../../inspections/domain/inspection-target';
import { rectificationDueDate } from '../../inspections/domain/severity-grid';
import { InspectionUnitRepository } from '../../inspections/infrastructure/inspection-unit.repository';
import { OpenIssueFromFinding } from '../../rectification/application/open-issue-from-finding';
import type { SettingKey } from '../../regional-settings/domain/settings';
import {
  campaignCoverage,
  findMissedTasks,
  launchCampaign,
  launchesAutomatically,
  peerLevel,
  recordMissed,
  reportTask,
  SELF_INSPECTION_OUTCOME_LABELS,
  SELF_INSPECTION_TASK_STATE_LABELS,
  SelfInspectionCampaign,
  SelfInspectionTask,
  taskOf,
  taskState,
} from '../domain/self-inspection-campaign';
import { SelfInspectionCampaignRepository } from '../infrastructure/self-inspection-campaign.repository';

const SWEEP_BATCH = 200;
export const AUTOMATIC = 'automatic';

/**
 * 举一反三: self-inspection tasks (自查自纠) sent to the peers of a unit where a finding was
 * confirmed, their reports back, and the sweep that records each unreported task once.
 */
@Injectable()
export class SelfInspectionsService {
  constructor(
    private readonly campaigns: SelfInspectionCampaignRepository,
    private readonly units: InspectionUnitRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly deadlines: InspectionSettingsReader,
    private readonly openIssue: OpenIssueFromFinding,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Sends the tasks for one confirmed finding (one opened as a rectification issue). One campaign
   * per finding: sending again returns the campaign already sent.
   */
  async launch(i: Inspection, findingId: string, by: Principal | typeof AUTOMATIC) {
    const finding = i.findings.find((f) => f.findingId === findingId);
    if (!finding) throw DomainError.notFound('FindingNotFound', `no finding ${findingId} on inspection ${i.inspectionId}`);
    if (!finding.issueId)
      throw DomainError.conflict(
        'FindingNotConfirmed',
        `finding ${findingId} is confirmed when the inspection is completed and its issue opened`,
      );
    const campaignId = campaignIdOf(findingId);
    const existing = await this.campaigns.get(campaignId);
    if (existing) {
      if (by !== AUTOMATIC) assertFoundWithin(by, () => campaignNotFound(campaignId), existing.value.scopeDivisionCode);
      return this.view(existing.value, by);
    }
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const level = peerLevel(await this.settings.valueFor('self-inspection-peer-level', i.divisionCode, today));
    const scopeDivisionCode = i.divisionCode.length >= lengthOf(level) ? divisionAt(i.divisionCode, level) : i.divisionCode;
    if (by !== AUTOMATIC) assertCovers(by, scopeDivisionCode);
    const dueDays = await this.settings.valueFor('self-inspection-due-days', i.divisionCode, today);
    const peers = await this.units.list({ jurisdiction: scopeDivisionCode, unitType: i.unitType });
    const c = launchCampaign(
      {
        campaignId,
        inspectionId: i.inspectionId,
        findingId,
        sourceUnitId: i.unitId,
        unitType: i.unitType,
        checklistCode: finding.checklistCode,
        checklistText: i.checklist?.items.find((x) => x.code === finding.checklistCode)?.text ?? null,
        summary: finding.summary,
        severity: finding.letter,
        responsibleHead: finding.responsibleHead!,
        scopeDivisionCode,
        divisionAncestors: divisionAncestors(scopeDivisionCode),
        launchedBy: by === AUTOMATIC ? AUTOMATIC : by.sub,
        dueDays,
      },
      peers,
      now,
    );
    if (!(await this.campaigns.store.create(c, [{ type: 'launched' }]))) {
      return this.view((await this.campaigns.get(campaignId))!.value, by);
    }
    return this.view(c, by);
  }

  /**
   * Sends the tasks of every confirmed finding at or above the region's automatic severity; a
   * finding whose unit has no peer sends none. Safe to repeat (one campaign per finding).
   */
  async launchAutomatic(i: Inspection): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    const threshold = await this.settings.valueFor('self-inspection-auto-severity', i.divisionCode, today);
    let launched = 0;
    for (const f of i.findings.filter((x: Finding) => x.issueId && launchesAutomatically(x.letter, threshold))) {
      try {
        await this.launch(i, f.findingId, AUTOMATIC);
        launched++;
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'NoPeers')) throw e;
      }
    }
    return launched;
  }

  /**
   * A peer reports back (unit staff for their own unit, or an officer over it). An issue found and
   * not yet put right is opened as the peer's own rectification issue, with the finding's grid
   * letter and the region's deadline for it.
   */
  async report(campaignId: string, unitId: string, input: { outcome: SelfInspectionOutcome; note?: string }, by: Principal) {
    const loaded = await this.campaigns.get(campaignId);
    const notFound = () => campaignNotFound(campaignId);
    if (!loaded) throw notFound();
    const task = loaded.value.tasks.find((t) => t.unitId === unitId);
    if (!task) throw notFound();
    assertFoundWithin(by, notFound, task.divisionCode, unitId);
    if (task.status === 'reported')
      throw DomainError.conflict('AlreadyReported', `${unitId} already reported its self-inspection for campaign ${campaignId} (已报告)`);
    if (input.outcome !== 'no-issue' && !input.note)
      throw DomainError.invalid('NoteRequired', 'note is required: say what was found (and how it was put right)', { field: 'note' });
    const now = this.clock.now();
    let issueId: string | null = null;
    if (input.outcome === 'issue-found') {
      const c = loaded.value;
      const today = shanghaiDate(now);
      const deadlines = await this.deadlines.deadlines(task.divisionCode, today);
      ({ issueId } = await this.openIssue.execute({
        findingId: `sf-${deterministicId('self-inspection-finding', campaignId, unitId)}`,
        inspectionId: c.inspectionId,
        unitId,
        divisionCode: task.divisionCode,
        summary: `举一反三自查发现：${input.note}`.slice(0, 500),
        severity: c.severity,
        dueDate: rectificationDueDate(c.severity, today, deadlines),
        responsibleHead: c.responsibleHead,
        openedBy: by.sub,
      }));
    }
    const { state } = await this.campaigns.store.change(
      campaignId,
      (current) => ({
        next: reportTask(current, unitId, { outcome: input.outcome, note: input.note, issueId }, by.sub, now),
        changes: [{ type: 'reported', unitId }],
      }),
      notFound,
    );
    return this.view(state, by);
  }

  /** Campaigns in the caller's jurisdiction; for unit staff, those that sent their unit a task (their task only). */
  async list(by: Principal, q: { inspectionId?: string }, limit: number, skip: number) {
    const unitScoped = isUnitScoped(by);
    const found = await this.campaigns.list(
      unitScoped ? { peerUnitId: by.unitId, ...q } : { jurisdiction: by.jurisdiction, ...q },
      limit,
      skip,
    );
    return found.map((c) => this.view(c, by));
  }

  async get(campaignId: string, by: Principal) {
    const loaded = await this.campaigns.get(campaignId);
    const notFound = () => campaignNotFound(campaignId);
    if (!loaded) throw notFound();
    const c = loaded.value;
    if (isUnitScoped(by)) {
      if (!c.peerUnitIds.includes(by.unitId!)) throw notFound();
      assertFoundWithin(by, notFound, taskOf(c, by.unitId!).divisionCode, by.unitId);
    } else assertFoundWithin(by, notFound, c.scopeDivisionCode);
    return this.view(c, by);
  }

  /**
   * Records every task whose due day ended without a report, queuing SelfInspectionMissed in the
   * same write; ids derive from campaign and peer, so repeated or concurrent sweeps publish each once.
   */
  async sweep(): Promise<{ today: string; recorded: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const correlationId = randomUUID();
    let recorded = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await this.campaigns.dueBefore(today, SWEEP_BATCH, after);
      const missedIn = new Map<string, number>();
      const { written } = await this.campaigns.store.changeMany(ids, (current, id) => {
        const missed = current ? findMissedTasks(current, today) : [];
        missedIn.set(id, missed.length);
        if (!current || !missed.length) return undefined;
        return {
          next: recordMissed(
            current,
            missed.map((t) => t.unitId),
            now,
          ),
          changes: missed.map((t) => ({ type: 'missed' as const, unitId: t.unitId, at: now, correlationId })),
        };
      });
      for (const id of written.keys()) recorded += missedIn.get(id) ?? 0;
      if (ids.length < SWEEP_BATCH) return { today, recorded };
      after = ids[ids.length - 1];
    }
  }

  /** Officers see the whole campaign; unit staff their own task, without the unit where the finding was made. */
  private view(c: SelfInspectionCampaign, by: Principal | typeof AUTOMATIC) {
    const today = shanghaiDate(this.clock.now());
    const unitScoped = by !== AUTOMATIC && isUnitScoped(by);
    const taskView = (t: SelfInspectionTask) => {
      const state = taskState(t, c.dueDate, today);
      return {
        ...t,
        state,
        stateLabel: SELF_INSPECTION_TASK_STATE_LABELS[state],
        outcomeLabel: t.outcome ? SELF_INSPECTION_OUTCOME_LABELS[t.outcome] : null,
      };
    };
    const common = {
      campaignId: c.campaignId,
      unitType: c.unitType,
      unitTypeLabel: INSPECTION_TARGET_TYPE_LABELS[c.unitType],
      checklistCode: c.checklistCode,
      checklistText: c.checklistText,
      severity: c.severity,
      dueDate: c.dueDate,
      launchedAt: c.launchedAt,
    };
    if (unitScoped) return { ...common, task: taskView(taskOf(c, by.unitId!)) };
    return {
      ...common,
      inspectionId: c.inspectionId,
      findingId: c.findingId,
      sourceUnitId: c.sourceUnitId,
      summary: c.summary,
      scopeDivisionCode: c.scopeDivisionCode,
      launchedBy: c.launchedBy,
      coverage: campaignCoverage(c),
      tasks: c.tasks.map(taskView),
    };
  }
}

export function campaignIdOf(findingId: string): string {
  return `sic-${deterministicId('self-inspection-campaign', findingId)}`;
}

function lengthOf(level: string): number {
  return { province: 2, city: 4, county: 6, township: 9, village: 12 }[level] ?? 6;
}

function campaignNotFound(campaignId: string): DomainError {
  return DomainError.notFound('SelfInspectionCampaignNotFound', `no self-inspection campaign ${campaignId}`);
}
