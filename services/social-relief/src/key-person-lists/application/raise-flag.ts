import { Injectable } from '@nestjs/common';
import { CareCause, RiskFlag } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { raiseFlag } from '../domain/key-person-entry';
import { assertActive, TownshipEntries } from './township-entries';

/** Raises a risk flag directly (RiskFlagRaised in the same update); 409 `FlagAlreadyRaised` if it is raised (clear it first). */
@Injectable()
export class RaiseFlag {
  constructor(
    private readonly township: TownshipEntries,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, flag: RiskFlag, finding: string, by: Principal, cause?: CareCause) {
    if (cause && flag !== 'no-guardian')
      throw DomainError.invalid('CauseWithoutNoGuardian', 'cause is given only with the no-guardian flag', { field: 'cause' });
    await this.township.checkFindingFor(townshipCode, entryId, finding, 'finding', by);
    const next = await this.township.change(townshipCode, entryId, by, (entry, now) => {
      assertActive(entry);
      const r = raiseFlag(entry, flag, finding, by.sub, now, cause);
      if (!r)
        throw DomainError.conflict('FlagAlreadyRaised', `${flag} is already raised on this entry; clear it before raising it again`, {
          flag,
          rule: 'flag-raised-once',
        });
      return { entry: r.entry, changes: [{ type: 'flag-raised', raised: r.raised, at: now }] };
    });
    return this.township.detail(next, this.clock.now());
  }
}
