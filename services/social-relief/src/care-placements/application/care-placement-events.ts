import {
  ChildPlacementEndedV1,
  ChildPlacementOverdueClearedV1,
  ChildPlacementOverdueV1,
  ChildPlacementRequestedV1,
} from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { CarePlacement, CarePlacementChange, unitToRelease } from '../domain/care-placement';

/** A placement's integration events: refs only (placement, child, unit), each id derived from what it is about. */
export const carePlacementEvents: EventMapper<CarePlacement, CarePlacementChange> = (changes, p) =>
  changes.map((c) => {
    const ref = { placementId: p.placementId, childRef: p.childRef, divisionCode: p.divisionCode };
    switch (c.type) {
      case 'requested':
        return outboxEntry(
          ChildPlacementRequestedV1,
          { ...ref, unitId: c.request.unitId, requestNo: c.request.requestNo, requestedAt: c.request.requestedAt.toISOString() },
          { ...c.causation, time: c.at, id: deterministicId(ChildPlacementRequestedV1.type, p.placementId, String(c.request.requestNo)) },
        );
      case 'ended': {
        const unit = unitToRelease(p);
        return outboxEntry(
          ChildPlacementEndedV1,
          { ...ref, unitId: unit?.unitId ?? null, requestNo: unit?.requestNo ?? null, endedAt: p.endedAt!.toISOString() },
          { ...c.causation, time: c.at, id: deterministicId(ChildPlacementEndedV1.type, p.placementId) },
        );
      }
      case 'overdue':
        return outboxEntry(
          ChildPlacementOverdueV1,
          {
            ...ref,
            cause: p.cause,
            openedAt: p.openedAt.toISOString(),
            limitHours: p.limitHours,
            dueAt: p.dueAt.toISOString(),
            detectedAt: c.at.toISOString(),
          },
          { ...c.causation, time: c.at, id: deterministicId(ChildPlacementOverdueV1.type, p.placementId) },
        );
      case 'overdue-cleared':
        return outboxEntry(
          ChildPlacementOverdueClearedV1,
          { ...ref, outcome: c.outcome, clearedAt: c.at.toISOString() },
          { ...c.causation, time: c.at, id: deterministicId(ChildPlacementOverdueClearedV1.type, p.placementId) },
        );
    }
  });
