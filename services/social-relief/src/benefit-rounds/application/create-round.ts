import { Injectable } from '@nestjs/common';
import type { ReliefRegister, RoundKind } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { DEFAULT_BED_SUBSIDY_POLICY } from '../domain/bed-subsidy';
import { BenefitRound, DEFAULT_BUCKETS, defaultUnitOfIssue, emptyTotals, roundProblems, UnitOfIssue } from '../domain/round';
import { RoundRepository } from '../infrastructure/round.repository';

export interface NewRound {
  roundId: string;
  kind: RoundKind;
  title: string;
  amountFen: number;
  registers: ReliefRegister[];
  snapshotDate: string;
  divisionCode: string;
  /** Person or household; when not given, a kit round issues per household, any other per person. */
  unitOfIssue?: UnitOfIssue;
  /** Bed subsidy only: the policy it pays under (a unit is paid once per policy); default the one of seed 000. */
  policyId?: string;
}

/** Defines a round inside the caller's division; it starts as a draft (409 if its id is taken). */
@Injectable()
export class CreateRound {
  constructor(
    private readonly rounds: RoundRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: NewRound, principal: Principal): Promise<BenefitRound> {
    assertCovers(principal, input.divisionCode);
    const problems = roundProblems(input);
    if (problems.length)
      throw DomainError.invalid('InvalidRound', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
        fields: problems.map((p) => ({ field: p.field, reasons: [p.reason] })),
      });
    const round: BenefitRound = {
      ...input,
      registers: [...new Set(input.registers)],
      unitOfIssue: input.kind === 'bed-subsidy' ? null : (input.unitOfIssue ?? defaultUnitOfIssue(input.kind)),
      policyId: input.kind === 'bed-subsidy' ? (input.policyId ?? DEFAULT_BED_SUBSIDY_POLICY) : null,
      buckets: DEFAULT_BUCKETS,
      status: 'draft',
      runs: 0,
      createdBy: principal.sub,
      createdAt: this.clock.now().toISOString(),
      startedAt: null,
      issuedAt: null,
      progress: { bucketsDone: 0, scanned: 0, eligible: 0 },
      totals: emptyTotals(),
    };
    if (!(await this.rounds.store.create(round, [])))
      throw DomainError.conflict('RoundExists', `a round ${input.roundId} exists already`, { roundId: input.roundId });
    return round;
  }
}
