import { Injectable } from '@nestjs/common';
import type { FuneralCaseStatus } from '@civil/contracts';
import { Clock, DomainError, maskName } from '@civil/kernel';
import { createLogger, FieldCipher, InjectClock, Principal } from '@civil/platform';
import { Versioned } from '@civil/persistence';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { CapacityService } from '../../scheduling/application/capacity.service';
import { CremationScheduler, Placed } from '../../scheduling/application/cremation-scheduler';
import { Booking } from '../../scheduling/domain/placement';
import { CustodyClaimsRepository, slotClaim, vehicleClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { checkMove, claimIsStale, CustodyEntry, FuneralCase, holdsBooking, move } from '../domain/funeral-case';
import { CaseWriter } from './case-writer';

export interface PickUp {
  place: string;
  why?: string;
  /** Infectious protocol: the CDC (疾控) staff the body is handled with. */
  cdc?: { organisation: string; contactName: string; contactPhone: string };
}

export interface Cremate {
  operatorStaffId: string;
  crematorId?: string;
  startedAt: Date;
  endedAt: Date;
}

export interface ReleaseRemains {
  receiver: { name: string; phone: string };
  relation: string;
  at?: Date;
}

const DISPLACED_WHY = (start: Date, end: Date) => `传染病遗体优先火化，改排至 ${start.toISOString()}–${end.toISOString()}`;

/**
 * Moves a case along: dispatch (a vehicle in service and not on another run), pick-up, storage
 * (a free cold-storage slot), scheduling (a cremator slot), cremation (the cremation log),
 * release of the remains; cancellation. Each move is a custody-log entry and a FuneralCaseMoved.
 */
@Injectable()
export class CaseMovesService {
  private readonly log = createLogger('funeral-operations', 'CaseMovesService');

  constructor(
    private readonly writer: CaseWriter,
    private readonly homes: HomeDirectory,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    private readonly capacity: CapacityService,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async dispatch(caseId: string, vehicleId: string, why: string | undefined, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.load(caseId, by, 'dispatched');
    const vehicle = home.equipment.find((e) => e.equipmentId === vehicleId);
    if (!vehicle || vehicle.kind !== 'vehicle')
      throw DomainError.invalid('NotAVehicle', `${vehicleId} is not a vehicle of home ${home.homeId}`, { field: 'vehicleId' });
    if (!vehicle.inService)
      throw DomainError.conflict(
        'VehicleOutOfService',
        `vehicle ${vehicleId} is out of service (open fault ${vehicle.openFaultId ?? 'unknown'}); dispatch another`,
        { vehicleId },
      );
    const now = this.clock.now();
    if (
      !(await this.claims.claim(
        vehicleClaim(home.homeId, vehicleId),
        caseId,
        home.homeId,
        now,
        this.staleClaim(home.homeId, 'vehicle', vehicleId),
      ))
    ) {
      throw DomainError.conflict('VehicleOnAnotherRun', `vehicle ${vehicleId} is on another run; dispatch another`, { vehicleId });
    }
    const next = move(
      current.value,
      'dispatched',
      { where: { kind: 'vehicle', ref: vehicleId }, who: by.sub, at: now, why: why ?? '派车接运' },
      { vehicleId },
    );
    return this.commitOrUndo(current, next, () => this.claims.release(vehicleClaim(home.homeId, vehicleId), caseId));
  }

  async pickUp(caseId: string, input: PickUp, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.load(caseId, by, 'picked-up');
    const c = current.value;
    const now = this.clock.now();
    if (c.infectious && !input.cdc && !c.cdc) {
      throw DomainError.conflict(
        'CdcHandoverRequired',
        'infectious protocol: the body is picked up together with the CDC (疾控); record the CDC contact (cdc)',
      );
    }
    const cdc = input.cdc
      ? {
          organisation: input.cdc.organisation,
          contactName: this.cipher.encrypt(input.cdc.contactName),
          contactPhone: this.cipher.encrypt(input.cdc.contactPhone),
          at: now,
          recordedBy: by.sub,
        }
      : c.cdc;
    const why = input.why ?? `遗体接运（${input.place}）${c.infectious ? '，会同疾控处置' : ''}`;
    const next = move(c, 'picked-up', { where: { kind: 'vehicle', ref: c.vehicleId ?? home.homeId }, who: by.sub, at: now, why }, { cdc });
    return this.commitOrUndo(current, next);
  }

  async store(caseId: string, slot: number, why: string | undefined, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.load(caseId, by, 'stored');
    if (slot < 1 || slot > home.coldStorageSlots)
      throw DomainError.invalid('NoSuchSlot', `home ${home.homeId} has cold-storage slots 1–${home.coldStorageSlots}`, { field: 'slot' });
    const now = this.clock.now();
    const key = slotClaim(home.homeId, slot);
    if (!(await this.claims.claim(key, caseId, home.homeId, now, this.staleClaim(home.homeId, 'slot', String(slot)))))
      throw DomainError.conflict('SlotOccupied', `cold-storage slot ${slot} already holds another case`, { slot });
    const next = move(
      current.value,
      'stored',
      { where: { kind: 'slot', ref: `${home.homeId}#${slot}` }, who: by.sub, at: now, why: why ?? '入冷藏柜' },
      { slot },
    );
    const saved = await this.commitOrUndo(current, next, () => this.claims.release(key, caseId));
    await this.endRun(home, saved);
    return saved;
  }

  /**
   * Places the cremation: earliest fit, or an explicit slot (409 SlotTaken if it is booked). An
   * infectious case is placed before its deadline, taking the place of non-infectious bookings if
   * it must; if even that cannot meet the deadline the case is flagged and the answer is 409.
   * The case is written first; only then is the old booking removed and are the displaced cases
   * placed again (each step idempotent; the capacity sweep repairs what a crash leaves).
   */
  async schedule(caseId: string, explicit: { crematorId: string; start: Date } | undefined, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.load(caseId, by, 'scheduled');
    const c = current.value;
    let placed: Placed;
    try {
      placed = await this.scheduler.place(home, { caseId, infectious: c.infectious, cremateBy: c.cremateBy, explicit });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'InfectiousDeadlineUnreachable' && !c.deadlineAtRisk)
        await this.writer.saveQuietly(current, { ...c, deadlineAtRisk: true });
      throw e;
    }
    const now = this.clock.now();
    const b = placed.booking;
    const why = `${c.status === 'scheduled' ? '改排' : '排期'}火化 ${b.start.toISOString()}–${b.end.toISOString()}${c.infectious ? '（传染病遗体优先，直接火化）' : ''}`;
    const next = move(
      c,
      'scheduled',
      { where: { kind: 'cremator', ref: b.crematorId }, who: by.sub, at: now, why },
      { cremation: { crematorId: b.crematorId, start: b.start, end: b.end, day: placed.day }, deadlineAtRisk: false },
    );
    const afterwards = async () => {
      // whatever the write's outcome: a booking the case does not hold goes, the displaced are placed again
      await this.settle(home.homeId, placed.day, b);
      if (c.cremation)
        await this.settle(home.homeId, c.cremation.day, { caseId, crematorId: c.cremation.crematorId, start: c.cremation.start });
      for (const d of placed.displaced) await this.placeAgain(home, d.booking.caseId, DISPLACED_WHY);
    };
    const saved = await this.commitOrUndo(current, next, afterwards);
    await afterwards();
    if (c.status === 'picked-up') await this.endRun(home, saved);
    return saved;
  }

  async cremate(caseId: string, input: Cremate, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.load(caseId, by, 'cremated');
    const c = current.value;
    const crematorId = input.crematorId ?? c.cremation!.crematorId;
    const cremator = home.equipment.find((e) => e.equipmentId === crematorId && e.kind === 'cremator');
    if (!cremator)
      throw DomainError.invalid('NotACremator', `${crematorId} is not a cremator of home ${home.homeId}`, { field: 'crematorId' });
    if (!cremator.inService)
      throw DomainError.conflict(
        'CrematorOutOfService',
        `cremator ${crematorId} is out of service (open fault ${cremator.openFaultId ?? 'unknown'})`,
      );
    const operator = home.staff.find((s) => s.staffId === input.operatorStaffId && s.active);
    if (!operator || operator.role !== 'operator')
      throw DomainError.invalid('NotAnOperator', `${input.operatorStaffId} is not an active cremation operator of home ${home.homeId}`, {
        field: 'operatorStaffId',
      });
    const now = this.clock.now();
    if (input.endedAt <= input.startedAt)
      throw DomainError.invalid('InvalidPeriod', 'endedAt must be after startedAt', { field: 'endedAt' });
    if (input.endedAt > now)
      throw DomainError.invalid('EndInFuture', 'endedAt must not be in the future: log a cremation once it has ended', {
        field: 'endedAt',
      });
    const why = `火化完成（${input.startedAt.toISOString()}–${input.endedAt.toISOString()}）`;
    const next = move(
      c,
      'cremated',
      { where: { kind: 'cremator', ref: crematorId }, who: input.operatorStaffId, at: now, why },
      {
        cremationLog: {
          crematorId,
          operatorStaffId: input.operatorStaffId,
          startedAt: input.startedAt,
          endedAt: input.endedAt,
          recordedBy: by.sub,
        },
      },
    );
    const saved = await this.commitOrUndo(current, next);
    if (c.cremation) await this.scheduler.markDone(home.homeId, c.cremation.day, caseId, now);
    if (c.slot) await this.claims.release(slotClaim(home.homeId, c.slot), caseId);
    await this.capacity.afterChange(home.homeId);
    return saved;
  }

  async release(caseId: string, input: ReleaseRemains, by: Principal): Promise<FuneralCase> {
    const { current } = await this.load(caseId, by, 'released');
    const now = this.clock.now();
    const at = input.at ?? now;
    if (at > now) throw DomainError.invalid('AtInFuture', 'at must not be in the future', { field: 'at' });
    const to = { name: this.cipher.encrypt(input.receiver.name), idNumber: null, phone: this.cipher.encrypt(input.receiver.phone) };
    const next = move(
      current.value,
      'released',
      { where: { kind: 'receiver', ref: maskName(input.receiver.name) }, who: by.sub, at: now, why: `骨灰交付（${input.relation}）` },
      { release: { to, relation: input.relation, at, by: by.sub } },
    );
    return this.commitOrUndo(current, next);
  }

  async cancel(caseId: string, reason: string, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.load(caseId, by, 'cancelled');
    const c = current.value;
    const now = this.clock.now();
    const next = move(
      c,
      'cancelled',
      { where: { kind: 'none', ref: '-' }, who: by.sub, at: now, why: reason },
      { cancellation: { reason, at: now, by: by.sub } },
    );
    const saved = await this.commitOrUndo(current, next);
    if (c.vehicleId) await this.claims.release(vehicleClaim(home.homeId, c.vehicleId), caseId);
    if (c.slot) await this.claims.release(slotClaim(home.homeId, c.slot), caseId);
    if (c.cremation) await this.scheduler.unbook(home.homeId, c.cremation.day, caseId);
    await this.capacity.afterChange(home.homeId);
    return saved;
  }

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
  private staleClaim(homeId: string, kind: 'slot' | 'vehicle', ref: string) {
    return async (holder: { caseId: string; at: Date }) =>
      claimIsStale((await this.writer.get(holder.caseId))?.value ?? null, { kind, homeId, ref, at: holder.at }, this.clock.now());
  }

  /** The vehicle's run ends when the body is in the home's custody (stored or, infectious, straight to cremation). */
  private async endRun(home: FuneralHome, c: FuneralCase): Promise<void> {
    if (c.vehicleId) await this.claims.release(vehicleClaim(home.homeId, c.vehicleId), c.caseId);
  }

  private async load(
    caseId: string,
    by: Principal,
    to: FuneralCaseStatus,
  ): Promise<{ current: Versioned<FuneralCase>; home: FuneralHome }> {
    const current = await this.writer.caseFor(caseId, by);
    checkMove(current.value, to);
    const home = await this.homes.get(current.value.homeId!);
    if (!home) throw DomainError.notFound('HomeNotFound', `no funeral home ${current.value.homeId}`);
    return { current, home };
  }

  private async commitOrUndo(current: Versioned<FuneralCase>, next: FuneralCase, undo?: () => Promise<void>): Promise<FuneralCase> {
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
