import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { signOff } from '../domain/rectification-issue';
import { IssueChanges } from './issue-changes';

/** Sign-off (销号), only after an accepted revisit. */
@Injectable()
export class SignOffIssue {
  constructor(private readonly changes: IssueChanges) {}

  execute(issueId: string, by: Principal) {
    return this.changes.change(issueId, by, (issue, now) => {
      signOff(issue, by.sub, now);
      return { type: 'signed-off', at: now };
    });
  }
}
