import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isDivisionCode, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { IssueSummary, summarize } from '../domain/issue-summary';
import { RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';

/**
 * Counts for the workload view of a division (default: the caller's jurisdiction), broken down
 * one level down; unit staff get their unit's counts. Shape: IssueSummary (domain/issue-summary).
 */
@Injectable()
export class SummarizeIssues {
  constructor(
    private readonly issues: RectificationIssueRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, options: { divisionCode?: string } = {}): Promise<IssueSummary> {
    const divisionCode = options.divisionCode ?? principal.jurisdiction;
    if (!isDivisionCode(divisionCode))
      throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${divisionCode} is not a division code`, { field: 'divisionCode' });
    assertCovers(principal, divisionCode);
    const unitId = isUnitScoped(principal) ? (principal.unitId ?? '\u0000none') : undefined;
    const rows = await this.issues.summaryRows(divisionCode, unitId);
    return summarize(divisionCode, rows, shanghaiDate(this.clock.now()));
  }
}
