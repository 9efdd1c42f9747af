import { Injectable } from '@nestjs/common';
import { Clock, deterministicId, divisionAncestors } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { openIssue } from '../domain/rectification-issue';
import { RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';
import { Causation, checkIssueFields, IssueChanges } from './issue-changes';

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

/** Opens the issue for an inspection finding; idempotent by findingId (the issue id derives from it). */
@Injectable()
export class OpenIssueFromFinding {
  constructor(
    private readonly issues: RectificationIssueRepository,
    private readonly changes: IssueChanges,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: OpenFromFindingInput, causation?: Causation): Promise<{ issueId: string }> {
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
    await this.changes.create(issue, causation);
    return { issueId };
  }
}
