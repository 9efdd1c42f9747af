import { INestApplication } from '@nestjs/common';
import {
  DailyReportSubmitted,
  DailyReportSubmittedV1,
  InstitutionRegisteredV1,
  ReportMissed,
  ReportMissedV1,
  SymptomCaseReportedV1,
  UnitType,
} from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutboxRelay, OutgoingRecord, TopicNames, toKafkaRecord } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { kafkaBrokers, serviceEnv, TopicRecorder, waitFor } from '@civil/testing';
import { createApp } from '../src/bootstrap';
import { SupervisionConfig } from '../src/config/supervision.config';

type Run = { topicPrefix: string; dbName: (s: string) => string };

/** supervision in this process, on real Kafka and a real database, with a set clock. */
export async function startSupervision(run: Run, clock: SettableClock): Promise<INestApplication> {
  return createApp(loadConfig(SupervisionConfig, serviceEnv(run, 'supervision')), clock);
}

/** Publishes upstream events as institution-monitoring would (same envelope, topic and key). */
export function upstream(run: Run) {
  const names = new TopicNames(run.topicPrefix);
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-upstream' }), names);
  return {
    names,
    publisher,
    missedRecord(unitId: string, day: string, divisionCode = '330521101'): OutgoingRecord {
      const e = createEvent(ReportMissedV1, this.missedData(unitId, day, divisionCode), {
        id: deterministicId(ReportMissedV1.type, unitId, day),
        time: new Date(`${day}T02:00:05Z`),
      });
      return toKafkaRecord(e, ReportMissedV1.topic, unitId);
    },
    missedData(unitId: string, day: string, divisionCode = '330521101'): ReportMissed {
      return {
        reportId: `${unitId}:${day}`,
        unitId,
        unitType: 'elderly-care-home',
        divisionCode,
        reportDate: day,
        deadline: `${day}T02:00:00.000Z`,
        detectedAt: `${day}T02:00:05.000Z`,
      };
    },
    reportRecord(unitId: string, day: string, late: boolean, divisionCode = '330521101'): OutgoingRecord {
      const data: DailyReportSubmitted = {
        reportId: `${unitId}:${day}`,
        unitId,
        unitType: 'elderly-care-home',
        divisionCode,
        reportDate: day,
        submittedAt: `${day}T05:00:00.000Z`,
        deadline: `${day}T02:00:00.000Z`,
        late,
        zeroReport: true,
        counts: {
          residents: 10,
          staffOnDuty: 3,
          newAdmissions: 0,
          temperatureAnomalies: 0,
          suspected: 0,
          confirmed: 0,
          isolated: 0,
          transferred: 0,
          deaths: 0,
          ppeDaysOfCover: 40,
          vaccinatedResidents: 0,
          vaccinatedStaff: 0,
        },
      };
      return toKafkaRecord(
        createEvent(DailyReportSubmittedV1, data, { time: new Date(`${day}T05:00:00Z`) }),
        DailyReportSubmittedV1.topic,
        unitId,
      );
    },
  };
}

/** InstitutionRegistered as the registry publishes it (supervision keeps its own copy of units). */
export function institutionRegisteredRecord(
  unitId: string,
  divisionCode = '330521101',
  unitType: UnitType = 'elderly-care-home',
): OutgoingRecord {
  const data = {
    unitId,
    name: `${unitId} 养老院`,
    unitType,
    operator: 'public' as const,
    divisionCode,
    beds: 100,
    bedsInUse: 80,
    registeredAt: '2026-03-01T01:00:00.000Z',
  };
  return toKafkaRecord(
    createEvent(InstitutionRegisteredV1, data, {
      id: deterministicId(InstitutionRegisteredV1.type, unitId),
      time: new Date('2026-03-01T01:00:00Z'),
    }),
    InstitutionRegisteredV1.topic,
    unitId,
  );
}

/** SymptomCaseReported of one episode, with the unit's count since its last daily report. */
export function symptomCaseRecord(
  unitId: string,
  symptomCaseId: string,
  casesSinceLastReport: number,
  divisionCode = '330521101',
): OutgoingRecord {
  const data = {
    unitId,
    unitType: 'elderly-care-home' as const,
    divisionCode,
    symptomCaseId,
    residentRef: `r-${symptomCaseId}`,
    symptoms: ['fever' as const],
    temperatureC: 38.1,
    detectedAt: '2026-03-05T01:00:00.000Z',
    isolatedAt: '2026-03-05T01:00:00.000Z',
    urgent: true,
    casesSinceLastReport,
  };
  return toKafkaRecord(
    createEvent(SymptomCaseReportedV1, data, {
      id: deterministicId(SymptomCaseReportedV1.type, symptomCaseId),
      time: new Date('2026-03-05T01:00:00Z'),
    }),
    SymptomCaseReportedV1.topic,
    unitId,
  );
}

/** The type of markerRecord(): no service handles it. */
export const MARKER_TYPE = 'test.marker';

/**
 * A well-formed event no service handles, for a negative assertion: sent on the same topic and
 * key (so the same partition) after an outbox flush, it comes after every event already published
 * on that key; once a recorder has read it, "no such event" is a fact, not a race.
 */
export function markerRecord(topic: string, key: string): OutgoingRecord & { id: string } {
  const id = `marker-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const headers = {
    ce_id: id,
    ce_source: '/test/marker',
    ce_type: MARKER_TYPE,
    ce_specversion: '1.0',
    ce_time: new Date().toISOString(),
    ce_subject: key,
    'content-type': 'application/json',
  };
  return { id, topic, key, headers, value: '{}' };
}

/** Flushes the outbox, sends a marker on (logical topic, key), and waits until the recorder has read it. */
export async function everythingOnKeyRead(
  app: INestApplication,
  up: ReturnType<typeof upstream>,
  recorder: TopicRecorder,
  topic: string,
  key: string,
): Promise<void> {
  await app.get(OutboxRelay).flush();
  const marker = markerRecord(topic, key);
  await up.publisher.publish([marker]);
  await waitFor(
    `the marker on ${topic} ${key}`,
    () => recorder.of(up.names.physical(topic), MARKER_TYPE).some((m) => m.headers.ce_id === marker.id) || undefined,
  );
}
