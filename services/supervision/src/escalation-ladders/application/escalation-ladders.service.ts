import { Injectable } from '@nestjs/common';
import type { CaseLevel, CaseType } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { assertMaySetFor, InjectClock, Principal } from '@civil/platform';
import { checkLadder, LadderRung } from '../domain/escalation-ladder';
import { EscalationLadderRepository, ladderIdOf, StoredLadder } from '../infrastructure/escalation-ladder.repository';

@Injectable()
export class EscalationLaddersService {
  constructor(
    private readonly ladders: EscalationLadderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The ladder a case of this type in this division would take now. */
  get(caseType: CaseType, divisionCode = '') {
    return this.ladders.get(caseType, divisionCode);
  }

  /**
   * New rungs apply to the next rung a case enters; cases keep the due time they already have.
   * Without a division the ladder applies everywhere no narrower one is set: only the national
   * level sets that one; a region's is set inside the caller's jurisdiction.
   */
  async set(
    caseType: CaseType,
    input: { rungs: LadderRung[]; reportAtOnceTo?: CaseLevel | null; divisionCode?: string },
    by: Principal,
  ): Promise<StoredLadder> {
    const divisionCode = input.divisionCode ?? '';
    assertMaySetFor(by, divisionCode);
    // the top rung has no limit: store it without one rather than as null
    const clean = input.rungs.map((r) =>
      r.minutesToResolve == null ? { level: r.level } : { level: r.level, minutesToResolve: r.minutesToResolve },
    );
    const ladder = checkLadder({ caseType, rungs: clean, reportAtOnceTo: input.reportAtOnceTo ?? undefined });
    const reportAtOnceTo = ladder.reportAtOnceTo ?? null;
    const setAt = this.clock.now();
    await this.ladders.store.upsert(ladderIdOf(caseType, divisionCode), () => ({
      next: { ladderId: ladderIdOf(caseType, divisionCode), caseType, divisionCode, current: ladder.rungs, reportAtOnceTo },
      changes: [],
      push: { history: { rungs: ladder.rungs, reportAtOnceTo, setBy: by.sub, setAt } },
    }));
    this.ladders.forgetCached();
    return (await this.ladders.setFor(caseType, divisionCode))!;
  }
}
