import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { IssueChanges } from './issue-changes';

/** One issue with its notices, evidence, revisits and history. */
@Injectable()
export class ReadIssue {
  constructor(private readonly changes: IssueChanges) {}

  async execute(issueId: string, by: Principal) {
    return this.changes.view(await this.changes.mustGet(issueId, by));
  }
}
