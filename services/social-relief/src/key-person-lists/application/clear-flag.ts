import { Injectable } from '@nestjs/common';
import { RISK_FLAGS, RiskFlag } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { clearFlag } from '../domain/key-person-entry';
import { assertActive, TownshipEntries } from './township-entries';

/** Clears a raised flag (recorded in the flag history; no event); 409 `FlagNotRaised` otherwise. */
@Injectable()
export class ClearFlag {
  constructor(
    private readonly township: TownshipEntries,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, flagParam: string, reason: string | null, by: Principal) {
    if (!(RISK_FLAGS as readonly string[]).includes(flagParam))
      throw DomainError.invalid('UnknownRiskFlag', `flag must be one of: ${RISK_FLAGS.join(', ')}`, { field: 'flag' });
    const flag = flagParam as RiskFlag;
    const next = await this.township.change(townshipCode, entryId, by, (entry, now) => {
      assertActive(entry);
      const cleared = clearFlag(entry, flag, reason, by.sub, now);
      if (!cleared) throw DomainError.conflict('FlagNotRaised', `${flag} is not raised on this entry`, { flag });
      return { entry: cleared, changes: [] };
    });
    return this.township.detail(next, this.clock.now());
  }
}
