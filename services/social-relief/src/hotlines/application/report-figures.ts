import { Injectable } from '@nestjs/common';
import { addDays, Clock, DomainError, shanghaiInstant } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { CallFigures } from '../domain/call-figures';
import { HotlineCallRepository } from '../infrastructure/hotline-call.repository';

/** Days one report may span. */
const MAX_DAYS = 31;

/** Figures per line per day (Beijing dates, `from` to `to` inclusive) for a division of the caller's jurisdiction. */
@Injectable()
export class ReportFigures {
  constructor(
    private readonly repository: HotlineCallRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(q: { divisionCode: string; from: string; to: string }, by: Principal) {
    assertCovers(by, q.divisionCode);
    if (q.to < q.from) throw DomainError.invalid('InvalidRange', 'to must not be before from', { field: 'to' });
    if (addDays(q.from, MAX_DAYS - 1) < q.to)
      throw DomainError.invalid('RangeTooLong', `a report spans at most ${MAX_DAYS} days`, { field: 'to' });
    const figures = new CallFigures(this.clock.now());
    for await (const row of this.repository.forFigures(
      q.divisionCode,
      shanghaiInstant(q.from, '00:00'),
      shanghaiInstant(addDays(q.to, 1), '00:00'),
    ))
      figures.add(row);
    return { divisionCode: q.divisionCode, from: q.from, to: q.to, days: figures.result() };
  }
}
