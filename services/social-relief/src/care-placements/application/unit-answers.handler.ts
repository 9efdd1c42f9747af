import { Injectable } from '@nestjs/common';
import { ChildPlacementAdmitted, ChildPlacementRefused } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { admitted, Decided, refused, CarePlacement } from '../domain/care-placement';
import { CarePlacementRepository } from '../infrastructure/care-placement.repository';

/**
 * A unit's answer to a placement request, from institution monitoring's events: admitted (placed,
 * clearing an overdue episode) or refused (the child needs a placement again). An answer already
 * taken, or to a placement this service does not hold, changes nothing.
 */
@Injectable()
export class UnitAnswersHandler {
  constructor(
    private readonly placements: CarePlacementRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  onAdmitted(e: EventEnvelope<ChildPlacementAdmitted>): Promise<void> {
    const d = e.data;
    return this.apply(e, d.placementId, (p, now) => admitted(p, d.requestNo, d.residentRef, d.isolated, new Date(d.admittedAt), now));
  }

  onRefused(e: EventEnvelope<ChildPlacementRefused>): Promise<void> {
    const d = e.data;
    return this.apply(e, d.placementId, (p, now) => refused(p, d.requestNo, d.reason, new Date(d.refusedAt), now));
  }

  private async apply(
    e: EventEnvelope<unknown>,
    placementId: string,
    decide: (p: CarePlacement, now: Date) => Decided | undefined,
  ): Promise<void> {
    const causation = { causationId: e.id, correlationId: e.correlationId };
    if (!(await this.placements.get(placementId))) return;
    await this.placements.store.change(
      placementId,
      (current) => {
        const r = decide(current, this.clock.now());
        return r && { next: r.placement, changes: r.changes.map((c) => ({ ...c, causation })) };
      },
      () => new Error(`placement ${placementId} is gone`),
    );
  }
}
