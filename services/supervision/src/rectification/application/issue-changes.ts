import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isDivisionCode, isLocalDate, shanghaiDate } from '@civil/kernel';
import { Causation } from '@civil/messaging';
import { assertFoundWithin, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { isOverdue, RectificationIssue, SEVERITY_PATTERN } from '../domain/rectification-issue';
import { RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';
import { IssueChange } from './issue-integration-events.mapper';

export type { Causation } from '@civil/messaging';

/**
 * What the issue list's use cases (问题清单, from the rectification notice to sign-off 销号)
 * share: an issue read within the caller's reach, created with its opening event, changed one step
 * at a time with its events in one compare-and-set write, and shown with its current notice.
 */
@Injectable()
export class IssueChanges {
  constructor(
    private readonly issues: RectificationIssueRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The issue, if the caller sees it (404 otherwise). */
  async mustGet(issueId: string, by: Principal): Promise<RectificationIssue> {
    const found = await this.issues.get(issueId);
    if (!found) throw issueNotFound(issueId);
    assertSees(by, found.value);
    return found.value;
  }

  view(issue: RectificationIssue, today = shanghaiDate(this.clock.now())) {
    return { ...issue, notice: issue.notices[issue.notices.length - 1], overdue: isOverdue(issue, today) };
  }

  /** Creates the issue with its opening event; one already there (the same finding opened before) stays as it is. */
  async create(issue: RectificationIssue, causation?: Causation): Promise<void> {
    await this.issues.store.create(issue, [{ type: 'opened', at: issue.openedAt, causation }]);
  }

  /** Checks the caller's reach and applies one step (on a copy of the issue read); the store writes it with its events. */
  async change(issueId: string, by: Principal, step: (issue: RectificationIssue, now: Date) => IssueChange) {
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
export function issueNotFound(issueId: string): DomainError {
  return DomainError.notFound('IssueNotFound', `no rectification issue ${issueId}`, { issueId });
}

/** Unit staff reach only their own unit's issues (an issue about no unit is not theirs); to anyone else an issue is unknown. */
export function assertSees(by: Principal, issue: RectificationIssue): void {
  assertFoundWithin(by, () => issueNotFound(issue.issueId), issue.divisionCode, isUnitScoped(by) ? (issue.unitId ?? '') : undefined);
}

export function checkIssueFields(input: {
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
