import { ChildPlacementAdmittedV1, ChildPlacementRefusedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { PlacementRequest, PlacementRequestChange } from '../domain/placement-request';

/** The answer to a placement request, once per request (its id derived from the request): refs only. */
export const placementRequestEvents: EventMapper<PlacementRequest, PlacementRequestChange> = (changes, r) =>
  changes.map((c) => {
    const ref = { placementId: r.placementId, requestNo: r.requestNo, unitId: r.unitId, divisionCode: r.divisionCode };
    if (r.outcome === 'admitted')
      return outboxEntry(
        ChildPlacementAdmittedV1,
        { ...ref, unitType: c.unitType!, residentRef: r.residentId!, isolated: r.isolated, admittedAt: r.answeredAt.toISOString() },
        { ...c.causation, time: c.at, id: deterministicId(ChildPlacementAdmittedV1.type, r.requestKey) },
      );
    return outboxEntry(
      ChildPlacementRefusedV1,
      { ...ref, reason: r.reason!, refusedAt: r.answeredAt.toISOString() },
      { ...c.causation, time: c.at, id: deterministicId(ChildPlacementRefusedV1.type, r.requestKey) },
    );
  });
