import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { checkLadder, LadderRung } from '../domain/escalation-ladder';
import { EscalationLadderRepository } from '../infrastructure/escalation-ladder.repository';

@Injectable()
export class EscalationLaddersService {
  constructor(
    private readonly ladders: EscalationLadderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  get(caseType: CaseType) {
    return this.ladders.get(caseType);
  }

  /** New rungs apply to the next rung a case enters; cases keep the due time they already have. */
  set(caseType: CaseType, rungs: LadderRung[], by: Principal) {
    // the top rung has no limit: store it without one rather than as null
    const clean = rungs.map((r) => (r.minutesToResolve == null ? { level: r.level } : { level: r.level, minutesToResolve: r.minutesToResolve }));
    return this.ladders.set(checkLadder({ caseType, rungs: clean }), by.sub, this.clock.now());
  }
}
