import { Injectable } from '@nestjs/common';
import { Clock, groupBy, shanghaiDate } from '@civil/kernel';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import { qualifiesForBedSubsidy } from '../../institution-copy/domain/institution-copy';
import { InstitutionCopyRepository } from '../../institution-copy/infrastructure/institution-copy.repository';
import { PersonRegistry } from '../../people/application/person-registry';
import { ROLL_BUCKETS, RollMember } from '../../people/domain/register-roll';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { DEFAULT_BED_SUBSIDY_POLICY } from '../domain/bed-subsidy';
import { HouseholdCandidates, IssueCandidate } from '../domain/household-issue';
import { BenefitRound, bucketOf, eligibleRegister, insideDivision, unitOfIssueOf } from '../domain/round';
import { BedSubsidyPaymentRepository } from '../infrastructure/bed-subsidy-payments.repository';
import { BUCKET_READ_CHUNK } from './round-access';

/** A chunk of buckets' candidates at a time, and how many were looked at and found so far. */
export interface CandidateSource {
  read(chunk: number[]): Promise<Map<number, Candidate[]>>;
  readonly scanned: number;
  readonly eligible: number;
}

type Candidate = IssueCandidate;

/** Who a round issues to: people on the roll, households, or the homes the bed subsidy pays. */
@Injectable()
export class RoundCandidates {
  constructor(
    private readonly registry: PersonRegistry,
    private readonly copies: InstitutionCopyRepository,
    private readonly bedSubsidyPayments: BedSubsidyPaymentRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Where a round's candidates come from, a chunk of buckets at a time. A person round whose
   * buckets are the roll's reads the roll chunk by chunk as it issues; a household round reads the
   * roll chunk by chunk first, keeping one candidate per household (its members are spread over
   * the roll's buckets); any other gathers its candidates first and groups them (the bed
   * subsidy's few hundred homes, or a round made with another bucket count).
   */
  async of(round: BenefitRound): Promise<CandidateSource> {
    const counts = { scanned: 0, eligible: 0 };
    const personCandidates = (members: readonly RollMember[]) => {
      const out: Candidate[] = [];
      for (const p of members) {
        counts.scanned++;
        if (!insideDivision(p.divisionCode, round.divisionCode)) continue;
        const register = eligibleRegister(p.memberships, round.registers, round.snapshotDate);
        if (register) out.push({ ref: p.personId, type: 'person', register, quantity: 1, divisionCode: p.divisionCode });
      }
      counts.eligible += out.length;
      return out;
    };
    const source = (read: CandidateSource['read']): CandidateSource => ({
      read,
      get scanned() {
        return counts.scanned;
      },
      get eligible() {
        return counts.eligible;
      },
    });
    const unitOfIssue = unitOfIssueOf(round);
    if (unitOfIssue === 'person' && round.buckets === ROLL_BUCKETS) {
      return source(async (chunk) => {
        const groups = new Map<number, Candidate[]>();
        for (const [b, members] of await this.registry.rollBuckets(chunk)) {
          const found = personCandidates(members);
          if (found.length) groups.set(b, found);
        }
        return groups;
      });
    }
    const everyone: Candidate[] = [];
    if (round.kind === 'bed-subsidy') {
      everyone.push(...(await this.bedSubsidyCandidates(round, counts)));
    } else {
      // the roll is read a chunk of buckets at a time and never held: a household's members hash
      // to buckets of their own, so only its one candidate is kept until every chunk has been read
      const households = unitOfIssue === 'household' ? new HouseholdCandidates<Candidate>(round) : undefined;
      for (let b = 0; b < ROLL_BUCKETS; b += BUCKET_READ_CHUNK) {
        const chunk = Array.from({ length: Math.min(BUCKET_READ_CHUNK, ROLL_BUCKETS - b) }, (_, j) => b + j);
        for (const members of (await this.registry.rollBuckets(chunk)).values()) {
          const found = personCandidates(members);
          if (households) households.add(found, members);
          else everyone.push(...found);
        }
      }
      if (households) {
        everyone.push(...households.all());
        counts.eligible = households.size;
      }
    }
    const groups = groupBy(everyone, (c) => bucketOf(c.ref, round.buckets));
    return source(async (chunk) => new Map(chunk.filter((b) => groups.has(b)).map((b) => [b, groups.get(b)!])));
  }

  /**
   * Social-capital 养老机构 with beds in use (day-care centres where the unit's region includes them on
   * the day of the run, as beds in use are those of the day), less those another round already paid
   * under the round's policy (一次性).
   */
  private async bedSubsidyCandidates(round: BenefitRound, counts: { scanned: number; eligible: number }): Promise<Candidate[]> {
    const qualifying: Candidate[] = [];
    const today = shanghaiDate(this.clock.now());
    const includeDayCare = new Map<string, boolean>();
    for (const u of await this.copies.socialCapitalElderlyHomes(round.divisionCode)) {
      counts.scanned++;
      if (!includeDayCare.has(u.divisionCode))
        includeDayCare.set(u.divisionCode, (await this.settings.valueFor('bed-subsidy-includes-day-care', u.divisionCode, today)) === 1);
      if (qualifiesForBedSubsidy(u, { includeDayCare: includeDayCare.get(u.divisionCode)! }))
        qualifying.push({ ref: u.unitId, type: 'unit', register: null, quantity: u.bedsInUse, divisionCode: u.divisionCode });
    }
    const policy = round.policyId ?? DEFAULT_BED_SUBSIDY_POLICY;
    const paidHere = await this.bedSubsidyPayments.claim(
      policy,
      round.roundId,
      qualifying.map((c) => c.ref),
      this.clock.now(),
    );
    const out = qualifying.filter((c) => paidHere.has(c.ref));
    counts.eligible = out.length;
    return out;
  }
}
