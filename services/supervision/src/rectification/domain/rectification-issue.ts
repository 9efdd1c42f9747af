import { DomainError } from '@civil/kernel';
import type { RevisitResult } from '@civil/contracts';

/**
 * An issue on the issue list (问题清单), from the rectification notice to sign-off (销号):
 *
 *   open ──evidence──▶ rectifying ──revisit accepted──▶ verified ──sign-off──▶ signed-off
 *                        ▲   │
 *                evidence│   └──revisit not accepted──▶ reopened (new due date, new notice)
 *                        └──────────────────────────────────┘
 *
 * Sign-off needs an accepted revisit, a revisit needs evidence, and nothing leaves signed-off.
 * Every step is kept in the history: who, when, what.
 */
export const ISSUE_STATUSES = ['open', 'rectifying', 'verified', 'reopened', 'signed-off'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  open: '已下发整改通知',
  rectifying: '整改中（已提交整改材料，待复查）',
  verified: '复查通过，待销号',
  reopened: '复查未通过，重新整改',
  'signed-off': '已销号',
};

export const REVISIT_RESULT_LABELS: Record<RevisitResult, string> = { accepted: '复查通过', 'not-accepted': '复查未通过' };

export const ISSUE_ACTIONS = ['opened', 'evidence-submitted', 'revisited', 'reopened', 'signed-off', 'overdue'] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

export const ISSUE_ACTION_LABELS: Record<IssueAction, string> = {
  opened: '立项并下发整改通知',
  'evidence-submitted': '提交整改材料',
  revisited: '复查',
  reopened: '重新整改',
  'signed-off': '销号',
  overdue: '逾期未销号',
};

/** Where an issue came from: an inspection finding, or opened directly (e.g. a complaint). */
export const ISSUE_ORIGINS = ['inspection', 'complaint', 'other'] as const;
export type IssueOrigin = (typeof ISSUE_ORIGINS)[number];

export const ISSUE_ORIGIN_LABELS: Record<IssueOrigin, string> = { inspection: '督查发现', complaint: '群众投诉举报', other: '其他来源' };

export const SEVERITY_PATTERN = /^[A-L]$/;

/** The rectification notice (整改通知): to whom (a title, not a name), when, and the due day. */
export interface RectificationNotice {
  to: string;
  sentAt: Date;
  dueDate: string;
}

export interface Evidence {
  evidenceNo: number;
  description: string;
  /** References to attachments stored elsewhere (file ids, URLs). */
  attachments: string[];
  submittedBy: string;
  submittedAt: Date;
}

export interface Revisit {
  revisitNo: number;
  result: RevisitResult;
  reason?: string;
  note?: string;
  revisitedBy: string;
  revisitedAt: Date;
}

export interface IssueHistoryEntry {
  at: Date;
  /** Account id of who acted ('system' for the overdue sweep). */
  by: string;
  action: IssueAction;
  /** Status after the step. */
  status: IssueStatus;
  note?: string;
}

export interface RectificationIssue {
  issueId: string;
  origin: IssueOrigin;
  findingId?: string;
  inspectionId?: string;
  unitId: string | null;
  divisionCode: string;
  divisionAncestors: string[];
  summary: string;
  severity: string;
  status: IssueStatus;
  dueDate: string;
  responsibleHead: string;
  openedBy: string;
  openedAt: Date;
  /** Latest notice last; a reopening sends a new one with the new due day. */
  notices: RectificationNotice[];
  evidence: Evidence[];
  revisits: Revisit[];
  signedOffAt?: Date;
  signedOffBy?: string;
  /** Due days already reported overdue (once per due day). */
  overdueReported: string[];
  /** The due day the overdue sweep still watches; null once reported or signed off. */
  sweepDue: string | null;
  history: IssueHistoryEntry[];
}

/** What opening an issue takes: the issue's own fields, before any step is taken on it. */
export type OpenIssueInput = Pick<
  RectificationIssue,
  | 'issueId'
  | 'origin'
  | 'findingId'
  | 'inspectionId'
  | 'unitId'
  | 'divisionCode'
  | 'divisionAncestors'
  | 'summary'
  | 'severity'
  | 'dueDate'
  | 'responsibleHead'
  | 'openedBy'
>;

export function openIssue(input: OpenIssueInput, now: Date): RectificationIssue {
  if (!SEVERITY_PATTERN.test(input.severity))
    throw DomainError.invalid('InvalidSeverity', `severity must be a grid letter A–L, not ${input.severity}`, { field: 'severity' });
  return {
    ...input,
    status: 'open',
    openedAt: now,
    notices: [{ to: input.responsibleHead, sentAt: now, dueDate: input.dueDate }],
    evidence: [],
    revisits: [],
    overdueReported: [],
    sweepDue: input.dueDate,
    history: [
      { at: now, by: input.openedBy, action: 'opened', status: 'open', note: `整改通知送达${input.responsibleHead}，限期${input.dueDate}` },
    ],
  };
}

function refuseIfSignedOff(issue: RectificationIssue): void {
  if (issue.status === 'signed-off')
    throw DomainError.conflict('IssueSignedOff', `issue ${issue.issueId} is signed off (已销号); no further step is allowed`, {
      issueId: issue.issueId,
    });
}

/** Evidence of rectification: the first moves the issue to rectifying; more may follow until the revisit. */
export function submitEvidence(
  issue: RectificationIssue,
  input: { description: string; attachments: string[] },
  by: string,
  now: Date,
): Evidence {
  refuseIfSignedOff(issue);
  if (issue.status === 'verified') {
    throw DomainError.conflict(
      'IssueAlreadyVerified',
      `issue ${issue.issueId} passed its revisit and awaits sign-off; no more evidence is taken`,
      { issueId: issue.issueId },
    );
  }
  const evidence: Evidence = {
    evidenceNo: issue.evidence.length + 1,
    description: input.description,
    attachments: [...input.attachments],
    submittedBy: by,
    submittedAt: now,
  };
  issue.evidence.push(evidence);
  issue.status = 'rectifying';
  issue.history.push({
    at: now,
    by,
    action: 'evidence-submitted',
    status: issue.status,
    note: `整改材料第${evidence.evidenceNo}份，附件${evidence.attachments.length}个`,
  });
  return evidence;
}

/**
 * A verification revisit by an inspector. Rule: a revisit verifies submitted evidence, so the
 * issue must be rectifying. Not accepted → reopened with a new due day and a new notice.
 */
export function recordRevisit(
  issue: RectificationIssue,
  input: { accepted: boolean; reason?: string; note?: string; newDueDate: string },
  by: string,
  now: Date,
): Revisit {
  refuseIfSignedOff(issue);
  if (issue.status !== 'rectifying') {
    throw DomainError.conflict(
      'RevisitNeedsEvidence',
      `issue ${issue.issueId} is ${issue.status}: a revisit verifies submitted evidence (须先提交整改材料再复查)`,
      { issueId: issue.issueId, status: issue.status },
    );
  }
  if (!input.accepted && !input.reason?.trim())
    throw DomainError.invalid('ReasonRequired', 'reason is required when the revisit does not accept the rectification', {
      field: 'reason',
    });
  const revisit: Revisit = {
    revisitNo: issue.revisits.length + 1,
    result: input.accepted ? 'accepted' : 'not-accepted',
    ...(input.accepted ? {} : { reason: input.reason!.trim() }),
    ...(input.note ? { note: input.note } : {}),
    revisitedBy: by,
    revisitedAt: now,
  };
  issue.revisits.push(revisit);
  if (input.accepted) {
    issue.status = 'verified';
    issue.history.push({ at: now, by, action: 'revisited', status: issue.status, note: REVISIT_RESULT_LABELS.accepted });
    return revisit;
  }
  issue.history.push({
    at: now,
    by,
    action: 'revisited',
    status: 'rectifying',
    note: `${REVISIT_RESULT_LABELS['not-accepted']}：${revisit.reason}`,
  });
  issue.status = 'reopened';
  issue.dueDate = input.newDueDate;
  issue.sweepDue = issue.overdueReported.includes(input.newDueDate) ? null : input.newDueDate;
  issue.notices.push({ to: issue.responsibleHead, sentAt: now, dueDate: input.newDueDate });
  issue.history.push({
    at: now,
    by,
    action: 'reopened',
    status: issue.status,
    note: `重新下发整改通知至${issue.responsibleHead}，限期${input.newDueDate}`,
  });
  return revisit;
}

/** Sign-off (销号). Rule: only after an accepted revisit. */
export function signOff(issue: RectificationIssue, by: string, now: Date): void {
  refuseIfSignedOff(issue);
  if (issue.status !== 'verified') {
    throw DomainError.conflict(
      'SignOffNeedsAcceptedRevisit',
      `issue ${issue.issueId} is ${issue.status}: it can be signed off (销号) only after an accepted revisit (复查通过后方可销号)`,
      { issueId: issue.issueId, status: issue.status },
    );
  }
  issue.status = 'signed-off';
  issue.signedOffAt = now;
  issue.signedOffBy = by;
  issue.sweepDue = null;
  issue.history.push({ at: now, by, action: 'signed-off', status: issue.status });
}

/** Whether the due day has ended (Asia/Shanghai) without sign-off. */
export function isOverdue(issue: Pick<RectificationIssue, 'status' | 'dueDate'>, today: string): boolean {
  return issue.status !== 'signed-off' && issue.dueDate < today;
}

/**
 * Marks the current due day as reported overdue; false if it is not overdue or was reported
 * already (an issue reopened with a new due day can be overdue again).
 */
export function markOverdue(issue: RectificationIssue, today: string, now: Date): boolean {
  if (!isOverdue(issue, today)) return false;
  if (issue.overdueReported.includes(issue.dueDate)) {
    issue.sweepDue = null;
    return false;
  }
  issue.overdueReported.push(issue.dueDate);
  issue.sweepDue = null;
  issue.history.push({ at: now, by: 'system', action: 'overdue', status: issue.status, note: `逾期：限期${issue.dueDate}已过仍未销号` });
  return true;
}
