import { ReportMissed, ReportMissedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { createEvent, OutgoingRecord, toKafkaRecord } from '@civil/messaging';

/**
 * ReportMissed for a unit and day, as the deadline sweep publishes it (the same id for the same
 * unit and day, so publishing it again is a redelivery). `key` defaults to the unit.
 */
export function reportMissedRecord(unitId: string, day: string, key = unitId): OutgoingRecord {
  const data: ReportMissed = {
    reportId: `${unitId}:${day}`,
    unitId,
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    reportDate: day,
    deadline: `${day}T02:00:00.000Z`,
    detectedAt: `${day}T02:00:05.000Z`,
  };
  const id = deterministicId(ReportMissedV1.type, unitId, day);
  return toKafkaRecord(createEvent(ReportMissedV1, data, { id, time: new Date(`${day}T02:00:05Z`) }), ReportMissedV1.topic, key);
}
