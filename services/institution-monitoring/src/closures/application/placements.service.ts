import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { PlacementKind } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import {
  cancelPlacement,
  carryOut,
  holdPlacement,
  Placement,
  placementView,
  requestPlacement,
  resumePlacement,
  PlacementStatus,
} from '../domain/placement';
import { PlacementRepository } from '../infrastructure/placement.repository';

const PAGE = 200;

const placementNotFound = (ref: string) => DomainError.notFound('PlacementNotFound', `no placement ${ref}`, { placementRef: ref });

/**
 * Adoption placements (送养) and returns to the family (送返寻亲): refused while the unit is under
 * closed management; those scheduled are held when it closes and resume when it reopens.
 */
@Injectable()
export class PlacementsService {
  private readonly log = new Logger(PlacementsService.name);

  constructor(
    private readonly placements: PlacementRepository,
    private readonly units: UnitDirectory,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async request(unitId: string, input: { kind: PlacementKind; subjectRef: string; scheduledDate: string }, by: Principal) {
    const unit = await this.units.unitFor(unitId, by);
    const now = this.clock.now();
    const placementRef = `pl-${input.scheduledDate.replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
    const placement = requestPlacement(unit, { ...input, placementRef }, shanghaiDate(now), by.sub, now);
    await this.placements.store.create(placement, []);
    // a closure that landed while this was being written did not see it: it waits like the others
    const after = await this.units.find(unitId);
    if (after?.status === 'closed' && after.closure) return placementView(await this.hold(placementRef, after.closure.orderId));
    return placementView(placement);
  }

  async list(unitId: string, status: PlacementStatus | undefined, by: Principal) {
    await this.units.unitFor(unitId, by);
    return (await this.placements.ofUnit(unitId, status)).map(placementView);
  }

  async get(unitId: string, ref: string, by: Principal) {
    return placementView(await this.find(unitId, ref, by));
  }

  async carryOut(unitId: string, ref: string, by: Principal) {
    await this.find(unitId, ref, by);
    const { state } = await this.placements.store.changeWith(ref, async (current) => {
      if (!current) throw placementNotFound(ref);
      // the unit as it stands at each attempt: a closure that came meanwhile refuses it
      const unit = await this.units.find(unitId);
      if (!unit) throw placementNotFound(ref);
      return { next: carryOut(current.value, unit, this.clock.now()), changes: [] };
    });
    return placementView(state!);
  }

  async cancel(unitId: string, ref: string, reason: string, by: Principal) {
    await this.find(unitId, ref, by);
    const { state } = await this.placements.store.change(
      ref,
      (p) => ({ next: cancelPlacement(p, reason, by.sub, this.clock.now()), changes: [] }),
      () => placementNotFound(ref),
    );
    return placementView(state);
  }

  /** The unit went under closed management: every scheduled placement of it waits (PlacementHeld each). */
  async holdAll(unitId: string, closureOrderId: string): Promise<number> {
    return this.walk(unitId, 'scheduled', (p, now) => holdPlacement(p, closureOrderId, now));
  }

  /** The unit reopened: every held placement is scheduled again (PlacementResumed each). */
  async resumeAll(unitId: string, reopenOrderId: string): Promise<number> {
    return this.walk(unitId, 'on-hold', (p, now) => resumePlacement(p, reopenOrderId, now));
  }

  private async hold(ref: string, closureOrderId: string): Promise<Placement> {
    const { state } = await this.placements.store.change(
      ref,
      (p) => holdPlacement(p, closureOrderId, this.clock.now()),
      () => placementNotFound(ref),
    );
    return state;
  }

  /** Pages through the unit's placements in a status by ref, deciding each page in one bulk write. */
  private async walk(
    unitId: string,
    status: PlacementStatus,
    decide: (p: Placement, now: Date) => ReturnType<typeof holdPlacement>,
  ): Promise<number> {
    let after: string | null = null;
    let changed = 0;
    for (;;) {
      const refs = await this.placements.refsOf(unitId, status, after, PAGE);
      if (refs.length === 0) break;
      const r = await this.placements.store.changeMany(refs, (p) => (p ? decide(p, this.clock.now()) : undefined));
      changed += r.written.size;
      after = refs[refs.length - 1];
    }
    if (changed) this.log.log(`${changed} placement(s) of ${unitId} moved from ${status}`);
    return changed;
  }

  private async find(unitId: string, ref: string, by: Principal): Promise<Placement> {
    await this.units.unitFor(unitId, by);
    const p = await this.placements.get(ref);
    if (!p || p.unitId !== unitId) throw placementNotFound(ref);
    assertFoundWithin(by, () => placementNotFound(ref), p.divisionCode, p.unitId);
    return p;
  }
}
