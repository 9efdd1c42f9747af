import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, divisionAncestors, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { IssueOrigin, openIssue, RectificationIssue } from '../domain/rectification-issue';
import { checkIssueFields, IssueChanges } from './issue-changes';

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

/** Opens an issue found outside an inspection; the due day may not be in the past. */
@Injectable()
export class OpenIssue {
  constructor(
    private readonly changes: IssueChanges,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: OpenIssueRequest, by: Principal): Promise<RectificationIssue> {
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
    await this.changes.create(issue);
    return issue;
  }
}
