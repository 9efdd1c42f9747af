import { InstitutionClosedV1, InstitutionRegisteredV1, InstitutionReopenedV1, InstitutionUpdatedV1 } from '@civil/contracts';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Institution } from '../domain/institution';

/** What happened to a unit in one write. */
export type InstitutionChange =
  | { type: 'registered'; at: Date }
  | { type: 'updated'; at: Date; changedFields: string[]; registryVersion: number }
  /** `eventId`: a region order's closure derives its event id from order, unit and version (sent again, the same event). */
  | { type: 'closed'; at: Date; eventId?: string }
  | { type: 'reopened'; at: Date; closedDays: number };

/** The registry's integration events, one per change. */
export const institutionEvents: EventMapper<Institution, InstitutionChange> = (changes, u) =>
  changes.map((c) => {
    const at = c.at.toISOString();
    switch (c.type) {
      case 'registered':
        return outboxEntry(
          InstitutionRegisteredV1,
          {
            unitId: u.unitId,
            name: u.name,
            unitType: u.unitType,
            operator: u.operator,
            divisionCode: u.divisionCode,
            beds: u.beds,
            bedsInUse: u.bedsInUse,
            registeredAt: at,
          },
          { time: c.at },
        );
      case 'updated':
        return outboxEntry(
          InstitutionUpdatedV1,
          {
            unitId: u.unitId,
            unitType: u.unitType,
            divisionCode: u.divisionCode,
            name: u.name,
            operator: u.operator,
            beds: u.beds,
            bedsInUse: u.bedsInUse,
            isolationRooms: u.isolationRooms,
            pairedMedicalInstitution: u.pairedMedicalInstitution,
            changedFields: c.changedFields,
            registryVersion: c.registryVersion,
            updatedAt: at,
          },
          { time: c.at },
        );
      case 'closed': {
        const closure = u.closure!;
        return outboxEntry(
          InstitutionClosedV1,
          {
            unitId: u.unitId,
            unitType: u.unitType,
            divisionCode: u.divisionCode,
            orderId: closure.orderId,
            reason: closure.reason,
            regionOrderId: closure.regionOrderId,
            closedAt: at,
          },
          { time: c.at, id: c.eventId },
        );
      }
      case 'reopened': {
        const closure = u.closure!;
        return outboxEntry(
          InstitutionReopenedV1,
          {
            unitId: u.unitId,
            unitType: u.unitType,
            divisionCode: u.divisionCode,
            closedByOrderId: closure.orderId,
            reopenOrderId: closure.reopenOrderId!,
            reopenedAt: at,
            closedDays: c.closedDays,
          },
          { time: c.at },
        );
      }
    }
  });
