import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import type { BenefitRound } from '../domain/round';
import { RoundRepository } from '../infrastructure/round.repository';
import { roundNotFound, seesRound } from './round-access';

/** Starts a run of a round inside the caller's division. */
@Injectable()
export class StartRound {
  constructor(
    private readonly rounds: RoundRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Marks the round running (from draft, from an interrupted run, or again after issue). */
  async execute(roundId: string, principal: Principal): Promise<BenefitRound> {
    const { state } = await this.rounds.store.change(
      roundId,
      (current) => {
        if (!seesRound(principal, current)) throw roundNotFound(roundId);
        assertCovers(principal, current.divisionCode);
        return {
          next: { ...current, status: 'running', runs: current.runs + 1, startedAt: this.clock.now().toISOString() },
          changes: [],
        };
      },
      () => roundNotFound(roundId),
    );
    return state;
  }
}
