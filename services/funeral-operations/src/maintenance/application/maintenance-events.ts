import { EquipmentFaultReportedV1, EquipmentRepairedV1, MaintenanceCheckMissedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { EquipmentFault, MaintenanceDay, MissedCheck } from '../domain/maintenance';

/** A check the sweep found missing on a day. */
export interface MaintenanceDayChange {
  type: 'check-missed';
  missed: MissedCheck;
  at: Date;
}

/** MaintenanceCheckMissed, its id derived from home, equipment and day: one event however often the sweep runs. */
export const maintenanceDayEvents: EventMapper<MaintenanceDay, MaintenanceDayChange> = (changes, doc) =>
  changes.map(({ missed: m, at }) =>
    outboxEntry(
      MaintenanceCheckMissedV1,
      {
        equipmentId: m.equipmentId,
        kind: m.kind,
        homeId: doc.homeId,
        divisionCode: doc.divisionCode,
        day: doc.day,
        detectedAt: at.toISOString(),
      },
      { time: at, id: deterministicId(MaintenanceCheckMissedV1.type, doc.homeId, m.equipmentId, doc.day) },
    ),
  );

export type EquipmentFaultChange = { type: 'reported' } | { type: 'repaired'; at: Date };

/** A fault's report and its repair, each event's id derived from the fault. */
export const equipmentFaultEvents: EventMapper<EquipmentFault, EquipmentFaultChange> = (changes, f) =>
  changes.map((c) =>
    c.type === 'reported'
      ? outboxEntry(
          EquipmentFaultReportedV1,
          {
            equipmentId: f.equipmentId,
            kind: f.kind,
            homeId: f.homeId,
            divisionCode: f.divisionCode,
            faultId: f.faultId,
            description: f.description,
            outOfService: f.outOfService,
            reportedAt: f.reportedAt.toISOString(),
          },
          { time: f.reportedAt, id: deterministicId(EquipmentFaultReportedV1.type, f.faultId) },
        )
      : outboxEntry(
          EquipmentRepairedV1,
          {
            equipmentId: f.equipmentId,
            kind: f.kind,
            homeId: f.homeId,
            divisionCode: f.divisionCode,
            faultId: f.faultId,
            repairedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId(EquipmentRepairedV1.type, f.faultId) },
        ),
  );
