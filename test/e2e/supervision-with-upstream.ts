import { INestApplication } from '@nestjs/common';
import { CaseEscalatedV1, CaseOpenedV1, CaseResolvedV1, CaseTopic, TopicContract } from '@civil/contracts';
import { createApp as createFuneralOperations, FuneralOperationsConfig } from '@civil/funeral-operations';
import { createApp as createInstitutionMonitoring, InstitutionMonitoringConfig } from '@civil/institution-monitoring';
import { idNumberCheckChar, SettableClock } from '@civil/kernel';
import { createKafka, TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { createApp as createSocialRelief, SocialReliefConfig } from '@civil/social-relief';
import { createApp as createSupervision, SupervisionConfig } from '@civil/supervision';
import { bearer, createRunTopics, isolatedRun, kafkaBrokers, RecordedMessage, serviceEnv, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';

export type UpstreamService = 'institution-monitoring' | 'social-relief' | 'funeral-operations';

type Run = ReturnType<typeof isolatedRun>;

const factories: Record<UpstreamService, (run: Run, clock: SettableClock) => Promise<INestApplication>> = {
  'institution-monitoring': (run, clock) =>
    createInstitutionMonitoring(loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring')), clock),
  'social-relief': (run, clock) => createSocialRelief(loadConfig(SocialReliefConfig, serviceEnv(run, 'social-relief')), clock),
  'funeral-operations': (run, clock) =>
    createFuneralOperations(loadConfig(FuneralOperationsConfig, serviceEnv(run, 'funeral-operations')), clock),
};

export const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };

/** A case event on supervision.case.v1, recognised by what the case is about. */
export interface CaseRef {
  caseType: string;
  subjectId: string;
}

export interface SupervisionWithUpstream {
  upstream: INestApplication;
  supervision: INestApplication;
  /** Records the upstream topics given and supervision.case.v1 from the start. */
  recorder: TopicRecorder;
  caseTopic: string;
  /** The run's physical name of a topic. */
  topic(t: TopicContract): string;
  /** The first upstream event of a type (and matching `where`) on its topic, once it is there. */
  upstreamEvent(t: TopicContract, type: string, where?: (m: RecordedMessage) => boolean): Promise<RecordedMessage>;
  /** The CaseOpened / CaseEscalated / CaseResolved events of one case type and subject, in order. */
  caseEvents(type: string, ref: CaseRef): RecordedMessage[];
  /** Waits for the first case event of a type about `ref` (and matching `where`). */
  caseEvent(type: string, ref: CaseRef, where?: (m: RecordedMessage) => boolean): Promise<RecordedMessage>;
  /** Sets the clock a minute past the case's next rung and runs an escalation pass as admin; the CaseEscalated it caused. */
  escalatePastNextRung(opened: RecordedMessage): Promise<RecordedMessage>;
  /** Waits until supervision's consumer group has committed everything on an upstream topic (nothing left in flight). */
  supervisionCaughtUp(t: TopicContract): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One upstream service and supervision in this process, on one run's topics and databases,
 * sharing a clock: the upstream publishes its real events, supervision consumes them over Kafka.
 */
export async function startSupervisionWithUpstream(
  run: Run,
  clock: SettableClock,
  service: UpstreamService,
  upstreamTopics: TopicContract[],
): Promise<SupervisionWithUpstream> {
  const names = new TopicNames(run.topicPrefix);
  const topic = (t: TopicContract) => names.physical(t.name);
  const caseTopic = topic(CaseTopic);
  await createRunTopics(run);
  const recorder = await new TopicRecorder([...upstreamTopics.map(topic), caseTopic]).start();
  const upstream = await factories[service](run, clock);
  const supervision = await createSupervision(loadConfig(SupervisionConfig, serviceEnv(run, 'supervision')), clock);
  const kafkaAdmin = createKafka({ brokers: kafkaBrokers(), clientId: 'test-lag' }).admin();
  await kafkaAdmin.connect();

  const caseEvents = (type: string, ref: CaseRef) =>
    recorder.of(caseTopic, type).filter((m) => m.json?.caseType === ref.caseType && m.json?.subjectId === ref.subjectId);
  const caseEvent = (type: string, ref: CaseRef, where: (m: RecordedMessage) => boolean = () => true) =>
    waitFor(`${type} for ${ref.caseType} ${ref.subjectId} on ${caseTopic}`, () => caseEvents(type, ref).find(where), 30_000);

  return {
    upstream,
    supervision,
    recorder,
    caseTopic,
    topic,
    upstreamEvent: (t, type, where = () => true) =>
      waitFor(`${type} on ${topic(t)}`, () => recorder.of(topic(t), type).find(where), 30_000),
    caseEvents,
    caseEvent,
    async escalatePastNextRung(opened) {
      const ref: CaseRef = opened.json;
      const before = caseEvents(CaseEscalatedV1.type, ref).length;
      const last = [opened, ...caseEvents(CaseEscalatedV1.type, ref)].at(-1)!;
      const due: string | null = last.json.nextEscalationAt;
      if (!due) throw new Error(`case ${opened.json.caseId} has no next rung`);
      clock.set(new Date(new Date(due).getTime() + 60_000));
      await request(supervision.getHttpServer()).post('/cases/escalations').set(bearer(admin)).expect(201);
      return waitFor(`CaseEscalated of ${opened.json.caseId}`, () => caseEvents(CaseEscalatedV1.type, ref)[before], 30_000);
    },
    async supervisionCaughtUp(t) {
      const physical = topic(t);
      const groupId = names.group('supervision');
      await waitFor(
        `supervision to consume all of ${physical}`,
        async () => {
          const [ends, [committed]] = await Promise.all([
            kafkaAdmin.fetchTopicOffsets(physical),
            kafkaAdmin.fetchOffsets({ groupId, topics: [physical] }),
          ]);
          return ends.every((end) => {
            const at = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
            return Number(end.high) === 0 || at >= Number(end.high);
          });
        },
        30_000,
        100,
      );
    },
    async stop() {
      await kafkaAdmin.disconnect();
      await recorder.stop();
      await upstream.close();
      await supervision.close();
    },
  };
}

/** The case types' events, re-exported for the specs' filters. */
export const CaseEvents = { opened: CaseOpenedV1.type, escalated: CaseEscalatedV1.type, resolved: CaseResolvedV1.type };

/** A valid 18-character ID number (GB 11643 check digit) for a fictional person of 330521. */
export function fictionalIdNumber(birthDate: string, sequence: number): string {
  const first17 = `330521${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
