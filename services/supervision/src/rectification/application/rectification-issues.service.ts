import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addDays, Clock, deterministicId, divisionAncestors, DomainError, isDivisionCode, isLocalDate, shanghaiDate } from '@civil/kernel';
import { Causation } from '@civil/messaging';
import { assertCovers, assertFoundWithin, InjectClock, isUnitScoped, Principal, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { IssueSummary, summarize } from '../domain/issue-summary';
import {
  IssueOrigin,
  isOverdue,
  openIssue,
  RectificationIssue,
  recordRevisit,
  SEVERITY_PATTERN,
  signOff,
  submitEvidence,
} from '../domain/rectification-issue';
import { IssueListFilter, RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';
import { IssueChange } from './issue-integration-events.mapper';

export type { Causation } from '@civil/messaging';

/** What an inspection finding carries into the issue list. */
export interface OpenFromFindingInput {
  findingId: string;
  inspectionId: string;
  unitId: string | null;
  divisionCode: string;
  summary: string;
  /** Grid letter A–L. */
  severity: string;
  /** YYYY-MM-DD, Shanghai day. */
  dueDate: string;
  /** Title of the responsible bureau head, e.g. '德清县民政局局长'. */
  responsibleHead: string;
  openedBy: string;
}

/** An issue opened directly by an inspector or officer (e.g. from a complaint). */
export interface OpenIssueRequest {
  unitId?: string | null;
  divisionCode: string;
  summary: string;
  severity: string;
  dueDate: string;
  responsibleHead: string;
  origin?: Exclude<IssueOrigin, 'inspection'>;
}

/** The issue list (问题清单) from the rectification notice to sign-off (销号). */
@Injectable()
export class RectificationIssuesService {
  constructor(
    private readonly issues: RectificationIssueRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Opens the issue for an inspection finding; idempotent by findingId (the issue id derives from it). */
  async openFromFinding(input: OpenFromFindingInput, causation?: Causation): Promise<{ issueId: string }> {
    const issueId = deterministicId('issue', input.findingId);
    if (await this.issues.get(issueId)) return { issueId };
    checkIssueFields(input);
    const issue = openIssue(
      {
        issueId,
        origin: 'inspection',
        findingId: input.findingId,
        inspectionId: input.inspectionId,
        unitId: input.unitId,
        divisionCode: input.divisionCode,
        divisionAncestors: divisionAncestors(input.divisionCode),
        summary: input.summary,
        severity: input.severity,
        dueDate: input.dueDate,
        responsibleHead: input.responsibleHead,
        openedBy: input.openedBy,
      },
      this.clock.now(),
    );
    await this.create(issue, causation);
    return { issueId };
  }

  /** Opens an issue found outside an inspection; the due day may not be in the past. */
  async open(input: OpenIssueRequest, by: Principal): Promise<RectificationIssue> {
    checkIssueFields(input);
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    if (input.dueDate < shanghaiDate(now))
      throw DomainError.invalid('DueDateInPast', `dueDate ${input.dueDate} is before today`, { field: 'dueDate' });
    const issue = openIssue(
      {
        issueId: randomUUID(),
        origin: input.origin ?? 'other',
        unitId: input.unitId ?? null,
        divisionCode: input.divisionCode,
        divisionAncestors: divisionAncestors(input.divisionCode),
        summary: input.summary,
        severity: input.severity,
        dueDate: input.dueDate,
        responsibleHead: input.responsibleHead,
        openedBy: by.sub,
      },
      now,
    );
    await this.create(issue);
    return issue;
  }

  /** Evidence by the unit's staff, or an officer covering the unit. */
  submitEvidence(issueId: string, input: { description: string; attachments?: string[] }, by: Principal): Promise<RectificationIssue> {
    return this.change(issueId, by, (issue, now) => {
      const evidence = submitEvidence(issue, { description: input.description, attachments: input.attachments ?? [] }, by.sub, now);
      return { type: 'evidence-submitted', at: now, evidence };
    });
  }

  /** A verification revisit; not accepted reopens it with a new due day (regional setting). */
  async recordRevisit(
    issueId: string,
    input: { accepted: boolean; reason?: string; note?: string },
    by: Principal,
  ): Promise<RectificationIssue> {
    // the region's days to a new due day, read before deciding (an issue's division never changes)
    const found = await this.issues.get(issueId);
    if (!found) throw issueNotFound(issueId);
    assertSees(by, found.value);
    const days = await this.settings.valueFor('rectification-reopen-due-days', found.value.divisionCode, shanghaiDate(this.clock.now()));
    return this.change(issueId, by, (issue, now) => {
      const revisit = recordRevisit(issue, { ...input, newDueDate: addDays(shanghaiDate(now), days) }, by.sub, now);
      return { type: 'revisited', at: now, revisit };
    });
  }

  /** Sign-off (销号), only after an accepted revisit. */
  signOff(issueId: string, by: Principal): Promise<RectificationIssue> {
    return this.change(issueId, by, (issue, now) => {
      signOff(issue, by.sub, now);
      return { type: 'signed-off', at: now };
    });
  }

  async get(issueId: string, by: Principal) {
    const loaded = await this.issues.get(issueId);
    if (!loaded) throw issueNotFound(issueId);
    assertSees(by, loaded.value);
    return this.view(loaded.value);
  }

  async list(
    filter: { status?: string; unitId?: string; overdue?: boolean; inspectionId?: string },
    by: Principal,
    limit: number,
    skip: number,
  ) {
    const today = shanghaiDate(this.clock.now());
    const f: IssueListFilter = {
      jurisdiction: by.jurisdiction,
      status: filter.status,
      unitId: filter.unitId,
      inspectionId: filter.inspectionId,
    };
    if (isUnitScoped(by)) {
      if (filter.unitId && filter.unitId !== by.unitId) return [];
      f.unitId = by.unitId ?? '\u0000none';
    }
    if (filter.overdue) f.overdueAsOf = today;
    return (await this.issues.list(f, limit, skip)).map((i) => this.view(i, today));
  }

  /**
   * Counts for the workload view of a division (default: the caller's jurisdiction), broken down
   * one level down; unit staff get their unit's counts. Shape: IssueSummary (domain/issue-summary).
   */
  async summary(principal: Principal, options: { divisionCode?: string } = {}): Promise<IssueSummary> {
    const divisionCode = options.divisionCode ?? principal.jurisdiction;
    if (!isDivisionCode(divisionCode))
      throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${divisionCode} is not a division code`, { field: 'divisionCode' });
    assertCovers(principal, divisionCode);
    const unitId = isUnitScoped(principal) ? (principal.unitId ?? '\u0000none') : undefined;
    const rows = await this.issues.summaryRows(divisionCode, unitId);
    return summarize(divisionCode, rows, shanghaiDate(this.clock.now()));
  }

  private view(issue: RectificationIssue, today = shanghaiDate(this.clock.now())) {
    return { ...issue, notice: issue.notices[issue.notices.length - 1], overdue: isOverdue(issue, today) };
  }

  /** Creates the issue with its opening event; one already there (the same finding opened before) stays as it is. */
  private async create(issue: RectificationIssue, causation?: Causation): Promise<void> {
    await this.issues.store.create(issue, [{ type: 'opened', at: issue.openedAt, causation }]);
  }

  /** Checks the caller's reach and applies one step (on a copy of the issue read); the store writes it with its events. */
  private async change(issueId: string, by: Principal, step: (issue: RectificationIssue, now: Date) => IssueChange) {
    const { state } = await this.issues.store.change(
      issueId,
      (current) => {
        assertSees(by, current);
        const next = structuredClone(current);
        return { next, changes: [step(next, this.clock.now())] };
      },
      () => issueNotFound(issueId),
    );
    return this.view(state);
  }
}

/** Unknown, or outside the caller's reach: the same answer. */
function issueNotFound(issueId: string): DomainError {
  return DomainError.notFound('IssueNotFound', `no rectification issue ${issueId}`, { issueId });
}

/** Unit staff reach only their own unit's issues (an issue about no unit is not theirs); to anyone else an issue is unknown. */
function assertSees(by: Principal, issue: RectificationIssue): void {
  assertFoundWithin(by, () => issueNotFound(issue.issueId), issue.divisionCode, isUnitScoped(by) ? (issue.unitId ?? '') : undefined);
}

function checkIssueFields(input: {
  divisionCode: string;
  summary: string;
  severity: string;
  dueDate: string;
  responsibleHead: string;
}): void {
  if (!isDivisionCode(input.divisionCode))
    throw DomainError.invalid('InvalidIssue', `divisionCode ${input.divisionCode} is not a division code`, { field: 'divisionCode' });
  if (!input.summary?.trim() || input.summary.length > 500)
    throw DomainError.invalid('InvalidIssue', 'summary must be 1–500 characters', { field: 'summary' });
  if (!SEVERITY_PATTERN.test(input.severity ?? ''))
    throw DomainError.invalid('InvalidIssue', 'severity must be a grid letter A–L', { field: 'severity' });
  if (!isLocalDate(input.dueDate ?? ''))
    throw DomainError.invalid('InvalidIssue', 'dueDate must be a date (YYYY-MM-DD)', { field: 'dueDate' });
  if (!input.responsibleHead?.trim() || input.responsibleHead.length > 100)
    throw DomainError.invalid('InvalidIssue', 'responsibleHead must be the title of the responsible bureau head (1–100 characters)', {
      field: 'responsibleHead',
    });
}
