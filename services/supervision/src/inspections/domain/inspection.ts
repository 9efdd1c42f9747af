import { HIDDEN_UNTIL_STARTED_MODES, InspectionMode, InspectionTargetType, InspectionTrigger, SeverityGridLetter } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { ChecklistItem, CombinedChecklist } from './checklist-template';
import { DeadlineDays, FindingScope, gridLetter, HarmLevel, rectificationDueDate } from './severity-grid';

export const INSPECTION_MODE_LABELS: Record<InspectionMode, string> = {
  unannounced: '四不两直',
  covert: '暗访',
  announced: '明察',
  'self-inspection': '自查自纠',
};

export const INSPECTION_STATUSES = ['scheduled', 'in-progress', 'completed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  scheduled: '待检查',
  'in-progress': '检查中',
  completed: '已完成',
};

export const CHECKLIST_OUTCOMES = ['pass', 'fail', 'not-applicable'] as const;
export type ChecklistOutcome = (typeof CHECKLIST_OUTCOMES)[number];

export const CHECKLIST_OUTCOME_LABELS: Record<ChecklistOutcome, string> = {
  pass: '符合',
  fail: '不符合',
  'not-applicable': '不适用',
};

export interface ChecklistResult {
  code: string;
  outcome: ChecklistOutcome;
  note: string | null;
  recordedAt: Date;
  recordedBy: string;
}

export interface Finding {
  findingId: string;
  /** The checklist item it falls under, if any. */
  checklistCode: string | null;
  /** What is wrong, in the inspectors' words (no personal data). */
  summary: string;
  scope: FindingScope;
  harmLevel: HarmLevel;
  letter: SeverityGridLetter;
  /** Title of the bureau head the rectification notice goes to; the completion default applies when null. */
  responsibleHead: string | null;
  recordedAt: Date;
  recordedBy: string;
  /** Set at completion, from the letter and the region's deadlines. */
  dueDate: string | null;
  /** The rectification issue it became. */
  issueId: string | null;
}

export interface Inspection {
  inspectionId: string;
  planId: string | null;
  unitId: string;
  unitType: InspectionTargetType;
  /** A combined checklist the round chose instead of the target type's own (absent: the type's own). */
  checklistKey?: CombinedChecklist | null;
  divisionCode: string;
  divisionAncestors: string[];
  mode: InspectionMode;
  teamId: string | null;
  scheduledDate: string;
  scheduledAt: Date;
  trigger: InspectionTrigger | null;
  status: InspectionStatus;
  /** Whether InspectionScheduled has been published (at scheduling, or at start when hidden until then). */
  schedulePublished: boolean;
  /** The checklist fixed at start: which template (`unitType` or `unitType@divisionCode`; absent before templates were regional) and version. */
  checklist: { templateId?: string; version: number; items: ChecklistItem[] } | null;
  results: ChecklistResult[];
  findings: Finding[];
  startedAt: Date | null;
  startedBy: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  /**
   * Set by the completion write while a finding still has no rectification issue, cleared once
   * every finding has one: the sweep finds unfinished completions by this flag alone.
   */
  issuesPending: boolean;
}

/** Who is looking: unit staff are held to their unit and never see a visit before it happens. */
export interface Viewer {
  unitScoped: boolean;
  unitId?: string;
}

/** Unannounced (四不两直) and covert (暗访) visits stay hidden from units until the team arrives. */
export function hiddenUntilStarted(mode: InspectionMode): boolean {
  return HIDDEN_UNTIL_STARTED_MODES.includes(mode);
}

/** Whether a viewer may know this inspection exists (jurisdiction is checked separately). */
export function visibleTo(i: Pick<Inspection, 'mode' | 'status' | 'unitId'>, viewer: Viewer): boolean {
  if (!viewer.unitScoped) return true;
  if (viewer.unitId !== i.unitId) return false;
  return !(hiddenUntilStarted(i.mode) && i.status === 'scheduled');
}

export function newInspection(
  input: Omit<
    Inspection,
    | 'status'
    | 'schedulePublished'
    | 'checklist'
    | 'results'
    | 'findings'
    | 'startedAt'
    | 'startedBy'
    | 'completedAt'
    | 'completedBy'
    | 'issuesPending'
  >,
): Inspection {
  return {
    ...input,
    status: 'scheduled',
    schedulePublished: !hiddenUntilStarted(input.mode),
    checklist: null,
    results: [],
    findings: [],
    startedAt: null,
    startedBy: null,
    completedAt: null,
    completedBy: null,
    issuesPending: false,
  };
}

function requireStatus(i: Inspection, status: InspectionStatus, action: string): void {
  if (i.status !== status) {
    throw DomainError.conflict('InspectionNotInState', `cannot ${action}: inspection ${i.inspectionId} is ${i.status}, not ${status}`, {
      status: i.status,
    });
  }
}

/** The team arrives: the checklist in force is fixed for this visit. */
export function startInspection(
  i: Inspection,
  input: { now: Date; by: string; teamId?: string; checklist: { templateId?: string; version: number; items: ChecklistItem[] } },
): Inspection {
  requireStatus(i, 'scheduled', 'start');
  return {
    ...i,
    status: 'in-progress',
    startedAt: input.now,
    startedBy: input.by,
    teamId: input.teamId ?? i.teamId,
    checklist: input.checklist,
    schedulePublished: true,
  };
}

/** Records (or corrects) results of checklist items; the latest result of an item counts. */
export function recordResults(
  i: Inspection,
  results: { code: string; outcome: ChecklistOutcome; note?: string | null }[],
  now: Date,
  by: string,
): Inspection {
  requireStatus(i, 'in-progress', 'record checklist results');
  const codes = new Set((i.checklist?.items ?? []).map((x) => x.code));
  results.forEach((r, k) => {
    if (!codes.has(r.code))
      throw DomainError.invalid('UnknownChecklistItem', `results.${k}.code ${r.code} is not on this inspection's checklist`, {
        field: `results.${k}.code`,
      });
  });
  const byCode = new Map(i.results.map((r) => [r.code, r]));
  for (const r of results) byCode.set(r.code, { code: r.code, outcome: r.outcome, note: r.note ?? null, recordedAt: now, recordedBy: by });
  return { ...i, results: [...byCode.values()] };
}

export function addFinding(
  i: Inspection,
  input: {
    findingId: string;
    checklistCode?: string | null;
    summary: string;
    scope: FindingScope;
    harmLevel: HarmLevel;
    responsibleHead?: string | null;
  },
  now: Date,
  by: string,
): { inspection: Inspection; finding: Finding } {
  requireStatus(i, 'in-progress', 'record a finding');
  if (input.checklistCode && !(i.checklist?.items ?? []).some((x) => x.code === input.checklistCode)) {
    throw DomainError.invalid('UnknownChecklistItem', `checklistCode ${input.checklistCode} is not on this inspection's checklist`, {
      field: 'checklistCode',
    });
  }
  const finding: Finding = {
    findingId: input.findingId,
    checklistCode: input.checklistCode ?? null,
    summary: input.summary,
    scope: input.scope,
    harmLevel: input.harmLevel,
    letter: gridLetter(input.scope, input.harmLevel),
    responsibleHead: input.responsibleHead ?? null,
    recordedAt: now,
    recordedBy: by,
    dueDate: null,
    issueId: null,
  };
  return { inspection: { ...i, findings: [...i.findings, finding] }, finding };
}

/**
 * Completes the visit: each finding gets its rectification due day from its letter, counted from
 * the day of completion (when the notice is served), and the bureau head it is addressed to.
 */
export function completeInspection(
  i: Inspection,
  input: { now: Date; by: string; today: string; deadlines: DeadlineDays; responsibleHead?: string | null },
): Inspection {
  requireStatus(i, 'in-progress', 'complete');
  const findings = i.findings.map((f) => {
    const responsibleHead = f.responsibleHead ?? input.responsibleHead ?? null;
    if (!responsibleHead) {
      throw DomainError.invalid(
        'ResponsibleHeadMissing',
        `responsibleHead is required: finding ${f.findingId} names no bureau head to serve the rectification notice to`,
        { field: 'responsibleHead' },
      );
    }
    return { ...f, responsibleHead, dueDate: rectificationDueDate(f.letter, input.today, input.deadlines) };
  });
  return { ...i, status: 'completed', completedAt: input.now, completedBy: input.by, findings, issuesPending: findings.length > 0 };
}

/** Records the rectification issues opened for findings; the completion is finished when none is missing. */
export function withIssues(i: Inspection, opened: ReadonlyMap<string, string>): Inspection {
  const findings = i.findings.map((f) => ({ ...f, issueId: f.issueId ?? opened.get(f.findingId) ?? null }));
  return { ...i, findings, issuesPending: findings.some((f) => !f.issueId) };
}

/** Checklist tallies for the completion event and views. */
export function checklistCounts(i: Inspection): { items: number; passed: number; failed: number; notChecked: number } {
  const items = i.checklist?.items.length ?? 0;
  const passed = i.results.filter((r) => r.outcome === 'pass').length;
  const failed = i.results.filter((r) => r.outcome === 'fail').length;
  return { items, passed, failed, notChecked: items - passed - failed };
}

export function findingsBySeverity(findings: readonly Pick<Finding, 'letter'>[]): Partial<Record<SeverityGridLetter, number>> {
  const out: Partial<Record<SeverityGridLetter, number>> = {};
  for (const f of findings) out[f.letter] = (out[f.letter] ?? 0) + 1;
  return out;
}
