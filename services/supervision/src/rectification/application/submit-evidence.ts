import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { submitEvidence } from '../domain/rectification-issue';
import { IssueChanges } from './issue-changes';

/** Evidence by the unit's staff, or an officer covering the unit. */
@Injectable()
export class SubmitEvidence {
  constructor(private readonly changes: IssueChanges) {}

  execute(issueId: string, input: { description: string; attachments?: string[] }, by: Principal) {
    return this.changes.change(issueId, by, (issue, now) => {
      const evidence = submitEvidence(issue, { description: input.description, attachments: input.attachments ?? [] }, by.sub, now);
      return { type: 'evidence-submitted', at: now, evidence };
    });
  }
}
