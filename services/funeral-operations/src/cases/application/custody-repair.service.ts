import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { createLogger, InjectClock } from '@civil/platform';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { CapacitySweepHooks } from '../../scheduling/application/capacity-sweep.hooks';
import { CremationScheduler } from '../../scheduling/application/cremation-scheduler';
import { CustodyClaimsRepository, slotClaim, vehicleClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { claimIsStale, holdsBooking, IN_FLIGHT_GRACE_MS } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';
import { CaseWriter } from './case-writer';

/** Cases a home may have scheduled at once (the repair reads them with one scan). */
const SCHEDULED_READ_LIMIT = 5_000;
const REPAIR_WHY = (start: Date, end: Date) => `火化排期修复（原排期已不在火化计划中），改排至 ${start.toISOString()}–${end.toISOString()}`;

/**
 * Before the capacity sweep evaluates a home, puts what lives beside its cases back in step with
 * them (what a crash or a lost compare-and-set between the two writes leaves behind):
 * - cold-storage slot and vehicle claims whose case no longer holds them are released, so
 *   occupancy counts only real holders;
 * - cremation bookings whose case is not scheduled there are removed (a done one is marked done);
 * - scheduled cases whose booking is missing from the schedule are placed again.
 * Anything younger than IN_FLIGHT_GRACE_MS may belong to a move still being written: left alone.
 */
@Injectable()
export class CustodyRepairService implements OnModuleInit {
  private readonly log = createLogger('funeral-operations', 'CustodyRepairService');

  constructor(
    private readonly hooks: CapacitySweepHooks,
    private readonly writer: CaseWriter,
    private readonly moves: CaseMoves,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.register((home) => this.repair(home));
  }

  async repair(home: FuneralHome): Promise<void> {
    await this.releaseStaleClaims(home);
    await this.repairSchedule(home);
  }

  private async releaseStaleClaims(home: FuneralHome): Promise<void> {
    const now = this.clock.now();
    const wanted = new Map<string, { kind: 'slot' | 'vehicle'; ref: string }>();
    for (let slot = 1; slot <= home.coldStorageSlots; slot++) wanted.set(slotClaim(home.homeId, slot), { kind: 'slot', ref: String(slot) });
    for (const e of home.equipment)
      if (e.kind === 'vehicle') wanted.set(vehicleClaim(home.homeId, e.equipmentId), { kind: 'vehicle', ref: e.equipmentId });
    for (const claim of await this.claims.claimsOf([...wanted.keys()])) {
      const what = wanted.get(claim.key)!;
      const c = (await this.writer.get(claim.caseId))?.value ?? null;
      if (!claimIsStale(c, { ...what, homeId: home.homeId, at: claim.at }, now)) continue;
      await this.claims.release(claim.key, claim.caseId);
      this.log.warn('released a claim its case no longer holds', { homeId: home.homeId, claim: claim.key, caseId: claim.caseId });
    }
  }

  private async repairSchedule(home: FuneralHome): Promise<void> {
    const now = this.clock.now();
    const young = (placedAt: Date | undefined) => !!placedAt && now.getTime() - placedAt.getTime() < IN_FLIGHT_GRACE_MS;
    const inFlight = new Set<string>();
    for (const { day, bookings } of await this.scheduler.bookingsAround(home.homeId, now)) {
      for (const b of bookings) {
        if (b.doneAt) continue;
        if (young(b.placedAt)) {
          inFlight.add(b.caseId);
          continue;
        }
        const c = (await this.writer.get(b.caseId))?.value ?? null;
        if (!holdsBooking(c, day, b)) {
          await this.scheduler.unbookPlacement(home.homeId, day, b);
          this.log.warn('removed a cremation booking its case does not hold', { homeId: home.homeId, day, caseId: b.caseId });
        } else if (c!.status !== 'scheduled') {
          await this.scheduler.markDone(home.homeId, day, b.caseId, c!.cremationLog?.endedAt ?? now);
        }
      }
    }
    const scheduled = await this.writer.list(
      { jurisdiction: home.divisionCode, homeId: home.homeId, status: 'scheduled' },
      SCHEDULED_READ_LIMIT,
    );
    for (const c of scheduled) {
      if (inFlight.has(c.caseId)) continue;
      await this.moves.placeAgain(home, c.caseId, REPAIR_WHY);
    }
  }
}
