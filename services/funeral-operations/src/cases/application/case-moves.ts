import { Injectable } from '@nestjs/common';
import type { FuneralCaseStatus } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { createLogger, InjectClock, Principal } from '@civil/platform';
import { Versioned } from '@civil/persistence';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { CapacityEpisodes } from '../../scheduling/application/capacity-episodes';
import { CremationScheduler } from '../../scheduling/application/cremation-scheduler';
import { Booking } from '../../scheduling/domain/placement';
import { CustodyClaimsRepository, vehicleClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { checkMove, claimIsStale, CustodyEntry, FuneralCase, holdsBooking, move } from '../domain/funeral-case';
import { CaseWriter } from './case-writer';

/** Why a case displaced by an infectious one is placed again. */
export const DISPLACED_WHY = (start: Date, end: Date) => `传染病遗体优先火化，改排至 ${start.toISOString()}–${end.toISOString()}`;

/**
 * What the moves of a case share: the case read within the caller's reach with its home, the move
 * checked; the write with the fee waiver, or the undo of what went outside the case first; the
 * claims found taken by a case that no longer holds them; a displaced case placed again. Each move
 * (dispatch, pick-up, storage, scheduling, cremation, release, cancellation) is a use case of its
 * own: a custody-log entry and a FuneralCaseMoved.
 */
@Injectable()
export class CaseMoves {
  private readonly log = createLogger('funeral-operations', 'CaseMoves');

  constructor(
    private readonly writer: CaseWriter,
    private readonly homes: HomeDirectory,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    private readonly capacity: CapacityEpisodes,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * A scheduled case whose booking is not in the schedule (displaced by an infectious case, or lost
   * to a crash): placed again at the earliest fit and logged as a reschedule. Nothing happens when
   * its booking is in place (a retry) or it is no longer scheduled.
   */
  async placeAgain(home: FuneralHome, caseId: string, why: (start: Date, end: Date) => string): Promise<void> {
    try {
      const current = await this.writer.get(caseId);
      if (!current || current.value.status !== 'scheduled') return;
      const c = current.value;
      if (
        c.cremation &&
        (await this.scheduler.holds(home.homeId, c.cremation.day, { caseId, crematorId: c.cremation.crematorId, start: c.cremation.start }))
      )
        return;
      const placed = await this.scheduler.place(home, { caseId, infectious: c.infectious, cremateBy: c.cremateBy });
      const b = placed.booking;
      const entry: Omit<CustodyEntry, 'seq' | 'from' | 'to'> = {
        where: { kind: 'cremator', ref: b.crematorId },
        who: 'scheduler',
        at: this.clock.now(),
        why: why(b.start, b.end),
      };
      const next = move(c, 'scheduled', entry, { cremation: { crematorId: b.crematorId, start: b.start, end: b.end, day: placed.day } });
      if (!(await this.writer.commit(current, await this.writer.withFeeWaiver(next))))
        this.log.warn('a case changed while being placed again', { caseId });
      await this.settle(home.homeId, placed.day, b);
      for (const d of placed.displaced) await this.placeAgain(home, d.booking.caseId, DISPLACED_WHY);
    } catch (e) {
      this.log.error('a case could not be placed again; see the cremation queue', { caseId, error: (e as Error).message });
    }
  }

  /** Removes a booking unless its case (read now) holds it. */
  async settle(homeId: string, day: string, booking: Pick<Booking, 'caseId' | 'crematorId' | 'start'>): Promise<void> {
    const c = await this.writer.get(booking.caseId);
    if (!holdsBooking(c?.value ?? null, day, booking)) await this.scheduler.unbookPlacement(homeId, day, booking);
  }

  /** For a claim found taken: whether its holder no longer holds it (then the claim is taken over). */
  staleClaim(homeId: string, kind: 'slot' | 'vehicle', ref: string) {
    return async (holder: { caseId: string; at: Date }) =>
      claimIsStale((await this.writer.get(holder.caseId))?.value ?? null, { kind, homeId, ref, at: holder.at }, this.clock.now());
  }

  /** The vehicle's run ends when the body is in the home's custody (stored or, infectious, straight to cremation). */
  async endRun(home: FuneralHome, c: FuneralCase): Promise<void> {
    if (c.vehicleId) await this.claims.release(vehicleClaim(home.homeId, c.vehicleId), c.caseId);
  }

  /** The case within the caller's reach, the move to `to` checked, and its home. */
  async load(caseId: string, by: Principal, to: FuneralCaseStatus): Promise<{ current: Versioned<FuneralCase>; home: FuneralHome }> {
    const current = await this.writer.caseFor(caseId, by);
    checkMove(current.value, to);
    const home = await this.homes.get(current.value.homeId!);
    if (!home) throw DomainError.notFound('HomeNotFound', `no funeral home ${current.value.homeId}`);
    return { current, home };
  }

  /** Writes the move with its fee waiver if the case is as read; otherwise undoes what went first and answers 409. */
  async commitOrUndo(current: Versioned<FuneralCase>, next: FuneralCase, undo?: () => Promise<void>): Promise<FuneralCase> {
    const withWaiver = await this.writer.withFeeWaiver(next);
    if (await this.writer.commit(current, withWaiver)) {
      // cremation and cancellation free their slot after the write and evaluate then
      if (withWaiver.status === 'stored' || withWaiver.status === 'scheduled') await this.capacity.afterChange(withWaiver.homeId);
      return withWaiver;
    }
    await undo?.();
    throw DomainError.conflict('ConcurrentUpdate', `case ${current.value.caseId} changed meanwhile; read it again and retry`);
  }
}
