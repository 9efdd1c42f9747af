import {
  InspectionTargetType,
  SELF_INSPECTION_OUTCOMES,
  SelfInspectionOutcome,
  SEVERITY_GRID_LETTERS,
  SeverityGridLetter,
} from '@civil/contracts';
import { addDays, DivisionLevel, DomainError, shanghaiDate } from '@civil/kernel';

/**
 * 举一反三: a finding confirmed at one unit sends a self-inspection task (自查自纠) on the same
 * checklist item to every peer of the same kind in the same division (the county by default).
 * Each peer reports back by its due day: no issue, issue found and put right, or issue found and
 * opened as its own rectification issue. A sweep records each task whose due day ended without
 * a report, once; a report after that clears it.
 */
export type SelfInspectionTaskStatus = 'sent' | 'reported';

export interface SelfInspectionTask {
  unitId: string;
  divisionCode: string;
  status: SelfInspectionTaskStatus;
  outcome: SelfInspectionOutcome | null;
  note: string | null;
  /** The rectification issue opened for an issue-found report. */
  issueId: string | null;
  reportedAt: Date | null;
  reportedBy: string | null;
  late: boolean | null;
  /** When the sweep found the due day over without a report (SelfInspectionMissed published). */
  missedAt: Date | null;
}

export interface SelfInspectionCampaign {
  campaignId: string;
  /** The finding that started it, and where it was made. */
  inspectionId: string;
  findingId: string;
  sourceUnitId: string;
  unitType: InspectionTargetType;
  checklistCode: string | null;
  checklistText: string | null;
  /** The finding's words, for officers; peers read the checklist item. */
  summary: string;
  severity: SeverityGridLetter;
  /** Title of the bureau head a peer's own rectification notice goes to. */
  responsibleHead: string;
  /** The division the peers were taken from (county, township or city of the finding's unit). */
  scopeDivisionCode: string;
  divisionAncestors: string[];
  peerUnitIds: string[];
  tasks: SelfInspectionTask[];
  dueDate: string;
  /** 'automatic' when the finding's severity reached the region's threshold, else the officer's subject claim. */
  launchedBy: string;
  launchedAt: Date;
  /** The due day while some task is neither reported nor recorded missed; null when nothing is owed. */
  nextDueDate: string | null;
}

export const SELF_INSPECTION_OUTCOME_LABELS: Record<SelfInspectionOutcome, string> = {
  'no-issue': '未发现问题',
  rectified: '发现问题已整改',
  'issue-found': '发现问题待整改',
};

export type SelfInspectionTaskState = 'pending' | 'reported' | 'reported-late' | 'missed';
export const SELF_INSPECTION_TASK_STATE_LABELS: Record<SelfInspectionTaskState, string> = {
  pending: '待自查',
  reported: '已按时报告',
  'reported-late': '逾期后补报',
  missed: '逾期未报',
};

/** The setting's value → the level peers are taken from. */
export function peerLevel(setting: number): DivisionLevel {
  return setting === 1 ? 'township' : setting === 2 ? 'city' : 'county';
}

/** Whether a finding of this letter sends self-inspections by itself (threshold 0: never). */
export function launchesAutomatically(letter: SeverityGridLetter, threshold: number): boolean {
  return threshold > 0 && SEVERITY_GRID_LETTERS.indexOf(letter) + 1 >= threshold;
}

export function launchCampaign(
  input: Omit<SelfInspectionCampaign, 'tasks' | 'dueDate' | 'launchedAt' | 'nextDueDate' | 'peerUnitIds'> & { dueDays: number },
  peers: readonly { unitId: string; divisionCode: string }[],
  now: Date,
): SelfInspectionCampaign {
  const others = peers.filter((p) => p.unitId !== input.sourceUnitId);
  if (!others.length)
    throw DomainError.conflict('NoPeers', `no other ${input.unitType} in ${input.scopeDivisionCode} to send a self-inspection to`);
  const { dueDays, ...rest } = input;
  const dueDate = addDays(shanghaiDate(now), dueDays);
  return {
    ...rest,
    peerUnitIds: others.map((p) => p.unitId),
    tasks: others.map((p) => ({
      unitId: p.unitId,
      divisionCode: p.divisionCode,
      status: 'sent',
      outcome: null,
      note: null,
      issueId: null,
      reportedAt: null,
      reportedBy: null,
      late: null,
      missedAt: null,
    })),
    dueDate,
    launchedAt: now,
    nextDueDate: dueDate,
  };
}

export function taskOf(c: SelfInspectionCampaign, unitId: string): SelfInspectionTask {
  const t = c.tasks.find((x) => x.unitId === unitId);
  if (!t) throw DomainError.notFound('SelfInspectionTaskNotFound', `no self-inspection task for ${unitId} in campaign ${c.campaignId}`);
  return t;
}

/** A peer reports back; late when its due day (Shanghai) is over. An issue-found report names the issue it opened. */
export function reportTask(
  c: SelfInspectionCampaign,
  unitId: string,
  input: { outcome: SelfInspectionOutcome; note?: string | null; issueId?: string | null },
  by: string,
  now: Date,
): SelfInspectionCampaign {
  if (!SELF_INSPECTION_OUTCOMES.includes(input.outcome))
    throw DomainError.invalid('InvalidOutcome', `outcome must be one of ${SELF_INSPECTION_OUTCOMES.join(', ')}`, { field: 'outcome' });
  const t = taskOf(c, unitId);
  if (t.status === 'reported')
    throw DomainError.conflict('AlreadyReported', `${unitId} already reported its self-inspection for campaign ${c.campaignId} (已报告)`);
  if (input.outcome === 'issue-found' && !input.issueId) throw new Error('an issue-found report needs the rectification issue it opened');
  const reported: SelfInspectionTask = {
    ...t,
    status: 'reported',
    outcome: input.outcome,
    note: input.note ?? null,
    issueId: input.outcome === 'issue-found' ? input.issueId! : null,
    reportedAt: now,
    reportedBy: by,
    late: shanghaiDate(now) > c.dueDate,
  };
  return withNextDue({ ...c, tasks: c.tasks.map((x) => (x.unitId === unitId ? reported : x)) });
}

/** Tasks whose due day has ended (before `today`) unreported and not yet recorded missed. */
export function findMissedTasks(c: SelfInspectionCampaign, today: string): SelfInspectionTask[] {
  return c.dueDate < today ? c.tasks.filter((t) => t.status === 'sent' && !t.missedAt) : [];
}

export function recordMissed(c: SelfInspectionCampaign, unitIds: readonly string[], now: Date): SelfInspectionCampaign {
  const missed = new Set(unitIds);
  return withNextDue({ ...c, tasks: c.tasks.map((t) => (missed.has(t.unitId) ? { ...t, missedAt: now } : t)) });
}

export function taskState(t: SelfInspectionTask, dueDate: string, today: string): SelfInspectionTaskState {
  if (t.status === 'reported') return t.late ? 'reported-late' : 'reported';
  return t.missedAt || dueDate < today ? 'missed' : 'pending';
}

/** Coverage of one campaign: tasks sent, reported (on time or late), missed (ever), and still owed. */
export function campaignCoverage(c: SelfInspectionCampaign) {
  const reported = c.tasks.filter((t) => t.status === 'reported');
  return {
    sent: c.tasks.length,
    reported: reported.length,
    reportedLate: reported.filter((t) => t.late).length,
    missed: c.tasks.filter((t) => t.missedAt).length,
    outstanding: c.tasks.length - reported.length,
    issuesFound: reported.filter((t) => t.outcome !== 'no-issue').length,
    reportRate: c.tasks.length ? Math.round((reported.length / c.tasks.length) * 1000) / 1000 : null,
  };
}

function withNextDue(c: SelfInspectionCampaign): SelfInspectionCampaign {
  const owed = c.tasks.some((t) => t.status === 'sent' && !t.missedAt);
  return { ...c, nextDueDate: owed ? c.dueDate : null };
}
