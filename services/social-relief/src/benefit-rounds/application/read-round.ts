import { Injectable } from '@nestjs/common';
import type { Principal } from '@civil/platform';
import type { BenefitRound } from '../domain/round';
import { RoundRepository } from '../infrastructure/round.repository';
import { roundNotFound, seesRound } from './round-access';

/** A round the caller sees (404 otherwise). */
@Injectable()
export class ReadRound {
  constructor(private readonly rounds: RoundRepository) {}

  async execute(roundId: string, principal: Principal): Promise<BenefitRound> {
    const round = (await this.rounds.get(roundId))?.value;
    // officers inside the round's area see it, as do those above it; to anyone else it is unknown
    if (!round || !seesRound(principal, round)) throw roundNotFound(roundId);
    return round;
  }
}
