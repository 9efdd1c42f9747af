import { PlacementHeldV1, PlacementResumedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Placement, PlacementChange } from '../domain/placement';

/**
 * A placement's hold and resumption, one event each per hold (the event id derives from the
 * placement and the hold's number). Placement refs only: who is placed stays in the unit's record.
 */
export const placementEvents: EventMapper<Placement, PlacementChange> = (changes, p) =>
  changes.map((c) => {
    const hold = p.holds[p.holds.length - 1];
    const common = {
      unitId: p.unitId,
      unitType: p.unitType,
      divisionCode: p.divisionCode,
      placementRef: p.placementRef,
      kind: p.kind,
      scheduledDate: p.scheduledDate,
      closureOrderId: hold.closureOrderId,
    };
    if (c.type === 'held') {
      return outboxEntry(
        PlacementHeldV1,
        { ...common, heldAt: c.at.toISOString() },
        { time: c.at, id: deterministicId(PlacementHeldV1.type, p.placementRef, String(p.holds.length)) },
      );
    }
    return outboxEntry(
      PlacementResumedV1,
      { ...common, reopenOrderId: hold.reopenOrderId!, resumedAt: c.at.toISOString() },
      { time: c.at, id: deterministicId(PlacementResumedV1.type, p.placementRef, String(p.holds.length)) },
    );
  });
