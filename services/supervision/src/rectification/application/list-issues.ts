import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { IssueListFilter, RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';
import { IssueChanges } from './issue-changes';

/** Issues in the caller's jurisdiction (unit staff: their unit's), newest first. */
@Injectable()
export class ListIssues {
  constructor(
    private readonly issues: RectificationIssueRepository,
    private readonly changes: IssueChanges,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(
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
    return (await this.issues.list(f, limit, skip)).map((i) => this.changes.view(i, today));
  }
}
