import { Injectable } from '@nestjs/common';
import { CareCause, RiskFlag } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { recordVisit, VisitMode } from '../domain/key-person-entry';
import { KeyPersonEntryChange } from './key-person-entry-events';
import { assertActive, TownshipEntries } from './township-entries';

export interface VisitInput {
  visitedAt?: string;
  mode: VisitMode;
  findings: string;
  flags?: RiskFlag[];
  /** With a no-guardian flag: why the child is without care (a care placement opens). */
  cause?: CareCause;
}

/** Records a visit (探访关爱): ends an open overdue episode; raises the flags found. */
@Injectable()
export class RecordVisit {
  constructor(
    private readonly township: TownshipEntries,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, input: VisitInput, by: Principal) {
    const now = this.clock.now();
    const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
    if (visitedAt.getTime() > now.getTime())
      throw DomainError.invalid('VisitInFuture', 'visitedAt cannot be in the future', { field: 'visitedAt' });
    if (input.cause && !input.flags?.includes('no-guardian'))
      throw DomainError.invalid('CauseWithoutNoGuardian', 'cause is given only with the no-guardian flag', { field: 'cause' });
    if (input.flags?.length) await this.township.checkFindingFor(townshipCode, entryId, input.findings, 'findings', by);
    let visitId = '';
    let endedEpisodeId: string | null = null;
    let raisedFlags: RiskFlag[] = [];
    const next = await this.township.change(townshipCode, entryId, by, (entry, at) => {
      assertActive(entry);
      const r = recordVisit(
        entry,
        { visitedAt, visitor: by.sub, mode: input.mode, findings: input.findings, flags: input.flags ?? [], cause: input.cause },
        at,
      );
      visitId = r.visit.visitId;
      endedEpisodeId = r.visit.endedEpisodeId;
      raisedFlags = r.raised.map((f) => f.flag);
      const changes: KeyPersonEntryChange[] = [
        ...(r.visit.endedEpisodeId ? [{ type: 'overdue-ended' as const, visit: r.visit, at }] : []),
        ...r.raised.map((raised) => ({ type: 'flag-raised' as const, raised, at })),
      ];
      return { entry: r.entry, changes };
    });
    return { visitId, endedEpisodeId, flagsRaised: raisedFlags, entry: await this.township.detail(next, this.clock.now()) };
  }
}
