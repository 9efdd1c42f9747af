import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { LowIncomeWarningRepository, WarningFilter } from '../infrastructure/low-income-warning.repository';
import { warningView } from './warning-view';

export interface ListQuery extends WarningFilter {
  divisionCode?: string;
  overdue?: boolean;
  limit?: number;
}

/** Warnings of a division within the caller's jurisdiction (their own by default), newest first. */
@Injectable()
export class ListWarnings {
  constructor(
    private readonly warnings: LowIncomeWarningRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(q: ListQuery, by: Principal) {
    const division = q.divisionCode ?? by.jurisdiction;
    assertCovers(by, division);
    const now = this.clock.now();
    const items = await this.warnings.listIn(division, q, now, q.overdue, q.limit ?? 200);
    return { divisionCode: division, items: items.map((w) => warningView(w, now)) };
  }
}
