import { Injectable } from '@nestjs/common';
import type { Principal } from '@civil/platform';
import type { BenefitRound } from '../domain/round';
import { RoundRepository } from '../infrastructure/round.repository';
import { seesRound } from './round-access';

/** The rounds the caller sees. */
@Injectable()
export class ListRounds {
  constructor(private readonly rounds: RoundRepository) {}

  async execute(principal: Principal): Promise<BenefitRound[]> {
    return (await this.rounds.list()).filter((r) => seesRound(principal, r));
  }
}
