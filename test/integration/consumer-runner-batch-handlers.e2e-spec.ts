import { ALL_TOPICS, DailyReportSubmittedV1, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import {
  createKafka,
  DLT_HEADERS,
  ensureTopics,
  EventConsumerRunner,
  EventEnvelope,
  EventRejectedError,
  KafkaEventPublisher,
  outboxEntry,
  TopicNames,
} from '@civil/messaging';
import { isolatedRun, kafkaBrokers, testProducerOptions, TopicRecorder, waitFor } from '@civil/testing';

const run = isolatedRun('consumer-batch');
const names = new TopicNames(run.topicPrefix);
const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'consumer-batch-test' });
const dlt = names.deadLetter(DailyReportTopic.name);

/** A ReportMissed (batch-handled) for a unit's day, on the unit's key. */
function missed(unitId: string, reportDate: string) {
  return outboxEntry(
    ReportMissedV1,
    { ...ReportMissedV1.example, unitId, reportId: `${unitId}:${reportDate}`, reportDate },
    { time: new Date() },
  );
}

/** A DailyReportSubmitted (handled one at a time) on the same unit's key. */
function submitted(unitId: string, reportDate: string) {
  return outboxEntry(
    DailyReportSubmittedV1,
    { ...DailyReportSubmittedV1.example, unitId, reportId: `${unitId}:${reportDate}`, reportDate },
    { time: new Date() },
  );
}

/** What the handlers saw, in the order they saw it: a batch as one entry. */
type Seen = { batch: string[] } | { one: string };
const label = (e: EventEnvelope<any>) => `${e.type === ReportMissedV1.type ? 'missed' : 'submitted'}:${e.data.unitId}:${e.data.reportDate}`;

describe('consumer runner with a batch handler (real Kafka)', () => {
  let publisher: KafkaEventPublisher;
  let recorder: TopicRecorder;
  let runner: EventConsumerRunner;
  const seen: Seen[] = [];
  const batchCalls: number[] = [];
  /** Unit ids whose events fail the batch (not an outage) and, alone, are rejected. */
  const poisoned = new Set(['poison']);
  /** Outages still to answer (transient failures of the whole batch). */
  let outages = 0;

  beforeAll(async () => {
    await ensureTopics(kafka, names, ALL_TOPICS);
    publisher = new KafkaEventPublisher(kafka, names, testProducerOptions('batch-runner-test'));
    recorder = await new TopicRecorder([dlt]).start();
    runner = new EventConsumerRunner(kafka, names, publisher, {
      groupId: 'batch-runner-test',
      backoffMs: 10,
      maxAttempts: 2,
      maxTransientAttempts: 3,
      handlers: new Map([[DailyReportSubmittedV1.type, async (e: EventEnvelope<any>) => void seen.push({ one: label(e) })]]),
      batchHandlers: new Map([
        [
          ReportMissedV1.type,
          async (events: readonly EventEnvelope<any>[]) => {
            batchCalls.push(events.length);
            if (outages > 0) {
              outages--;
              throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
            }
            const bad = events.find((e) => poisoned.has(e.data.unitId));
            if (bad && events.length > 1) throw new Error('a bulk write refused one document');
            if (bad) throw new EventRejectedError(`unit ${bad.data.unitId} is refused`);
            seen.push({ batch: events.map(label) });
          },
        ],
      ]),
    });
    await runner.start();
  });

  afterAll(async () => {
    await runner.stop();
    await recorder.stop();
    await publisher.disconnect();
  });

  const labelsSeen = () => seen.flatMap((s) => ('batch' in s ? s.batch : [s.one]));

  it('hands consecutive events of its type over at once, in partition order, around events handled one at a time', async () => {
    const key = 'unit-a';
    const days = ['2026-03-02', '2026-03-03', '2026-03-04'];
    // one key, one partition: missed ×3, a late report, missed ×2 — each key's order must hold
    await publisher.publish([
      ...days.map((d) => ({ ...missed('unit-a', d), key })),
      { ...submitted('unit-a', '2026-03-04'), key },
      ...['2026-03-05', '2026-03-06'].map((d) => ({ ...missed('unit-a', d), key })),
    ]);
    await waitFor('all six events', () => (labelsSeen().filter((l) => l.includes(':unit-a:')).length === 6 ? true : undefined));
    expect(labelsSeen().filter((l) => l.includes(':unit-a:'))).toEqual([
      'missed:unit-a:2026-03-02',
      'missed:unit-a:2026-03-03',
      'missed:unit-a:2026-03-04',
      'submitted:unit-a:2026-03-04',
      'missed:unit-a:2026-03-05',
      'missed:unit-a:2026-03-06',
    ]);
    // the missed events came in runs, not one by one (a run is at most what one fetch returned)
    const unitA = seen.filter((s) => 'batch' in s && s.batch.some((l) => l.includes(':unit-a:')));
    expect(unitA.length).toBeLessThan(5);
  });

  it('dead-letters a malformed message of the run alone and hands the others over', async () => {
    const key = 'unit-b';
    const good = missed('unit-b', '2026-03-02');
    await publisher.sendRaw(names.physical(DailyReportTopic.name), [
      { key, value: '{not json', headers: { ...good.headers, ce_id: 'batch-bad-json' } },
    ]);
    await publisher.publish([
      { ...good, key },
      { ...missed('unit-b', '2026-03-03'), key },
    ]);
    await waitFor('both good events', () => (labelsSeen().filter((l) => l.includes(':unit-b:')).length === 2 ? true : undefined));
    const letters = await recorder.waitForCount(dlt, 1);
    expect(letters.find((l) => l.headers.ce_id === 'batch-bad-json')!.headers[DLT_HEADERS.reason]).toBe('malformed');
  });

  it('when the run is refused for one event, handles its events one at a time and dead-letters only that one', async () => {
    const key = 'unit-c';
    const poison = missed('poison', '2026-03-02');
    await publisher.publish([
      { ...missed('unit-c', '2026-03-02'), key },
      { ...poison, key },
      { ...missed('unit-c', '2026-03-03'), key },
    ]);
    await waitFor('the good events of the run', () => (labelsSeen().filter((l) => l.includes(':unit-c:')).length === 2 ? true : undefined));
    expect(labelsSeen().filter((l) => l.includes(':unit-c:'))).toEqual(['missed:unit-c:2026-03-02', 'missed:unit-c:2026-03-03']);
    const letters = await recorder.waitForCount(dlt, 2);
    expect(letters.find((l) => l.headers.ce_id === poison.id)!.headers[DLT_HEADERS.reason]).toBe('rejected');
  });

  it('retries the whole run through an outage longer than its attempts, and hands each event over once it passes', async () => {
    const key = 'unit-d';
    const before = batchCalls.length;
    outages = 5; // more than maxTransientAttempts: the batch is left and consumed again
    await publisher.publish(['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => ({ ...missed('unit-d', d), key })));
    await waitFor('the run to pass', () => (labelsSeen().filter((l) => l.includes(':unit-d:')).length >= 3 ? true : undefined), 60_000);
    expect(batchCalls.length - before).toBeGreaterThanOrEqual(6);
    // handed over as a whole once, never in part, never twice
    expect(labelsSeen().filter((l) => l.includes(':unit-d:'))).toEqual([
      'missed:unit-d:2026-03-02',
      'missed:unit-d:2026-03-03',
      'missed:unit-d:2026-03-04',
    ]);
    expect(outages).toBe(0);
  });
});
