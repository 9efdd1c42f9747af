import { CaseOpenedV1, CaseTopic } from '@civil/contracts';
import { createKafka, KafkaEventPublisher, TopicNames } from '@civil/messaging';
import { bearer, createRunTopics, isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';
import { reportMissedRecord } from './support/report-missed-record';
import { ServiceProcess } from './support/service-process';

const province = { sub: 'fault-province', roles: ['province-officer' as const], jurisdiction: '33' };
const UNITS = Array.from({ length: 300 }, (_, i) => `u-ck-${String(i).padStart(3, '0')}`);

/**
 * Supervision, as its own process, is SIGKILLed while it consumes missed reports (no shutdown:
 * nothing flushed, offsets of work in progress not committed), more events and redeliveries
 * arrive while it is down, and it is started again. Each unit must end with one case that counts
 * each missed day once, and one CaseOpened.
 */
describe('a consuming service SIGKILLed mid-stream', () => {
  const run = isolatedRun('fault-consumer-kill');
  const names = new TopicNames(run.topicPrefix);
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'fault-upstream' }), names);
  const caseTopic = names.physical(CaseTopic.name);
  const supervision = new ServiceProcess('supervision', run);
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await createRunTopics(run);
    recorder = await new TopicRecorder([caseTopic]).start();
  }, 120_000);

  afterAll(async () => {
    await supervision.stop();
    await recorder?.stop();
    await publisher.disconnect();
  }, 120_000);

  const cases = async () => {
    const res = await fetch(`${supervision.baseUrl}/cases?limit=1000`, { headers: bearer(province) });
    if (res.status !== 200) throw new Error(`GET /cases → ${res.status}`);
    return (await res.json()) as { subjectId: string; occurrences: number }[];
  };

  it('loses no event and applies none twice', async () => {
    await supervision.start();
    await publisher.publish(UNITS.map((u) => reportMissedRecord(u, '2026-03-01')));
    await publisher.publish(UNITS.map((u) => reportMissedRecord(u, '2026-03-02')));
    // killed while it works through the stream: some cases are open, not yet all
    await waitFor('some cases opened', () => recorder.of(caseTopic, CaseOpenedV1.type).length >= 20, 60_000, 5);
    await supervision.kill();
    const openedBeforeKill = new Set(recorder.of(caseTopic, CaseOpenedV1.type).map((m) => m.json.subjectId)).size;

    // while it is down: a third day, and a redelivery of the first day for a third of the units
    await publisher.publish(UNITS.map((u) => reportMissedRecord(u, '2026-03-03')));
    await publisher.publish(UNITS.slice(0, 100).map((u) => reportMissedRecord(u, '2026-03-01')));

    await supervision.start();
    const found = await waitFor(
      'every unit with one case counting three missed days',
      async () => {
        const all = await cases();
        return all.length === UNITS.length && all.every((c) => c.occurrences === 3) ? all : undefined;
      },
      120_000,
      200,
    ).catch(async (e: Error) => {
      const all = await cases().catch(() => []);
      const wrong = all.filter((c) => c.occurrences !== 3).slice(0, 5);
      throw new Error(`${e.message}: ${all.length} cases, e.g. ${JSON.stringify(wrong)}\n${supervision.logs().slice(-1_500)}`);
    });
    expect(found.map((c) => c.subjectId).sort()).toEqual(UNITS);

    await waitFor(
      'a CaseOpened for every unit',
      () => new Set(recorder.of(caseTopic, CaseOpenedV1.type).map((m) => m.json.subjectId)).size >= UNITS.length,
      60_000,
    );
    await recorder.caughtUp();
    const opened = recorder.of(caseTopic, CaseOpenedV1.type);
    const distinctEvents = new Set(opened.map((m) => m.headers.ce_id)).size;
    console.log(
      `consumer SIGKILL: ${openedBeforeKill} cases opened before the kill; ${opened.length} CaseOpened records, ${distinctEvents} distinct (${opened.length - distinctEvents} redelivered)`,
    );
    // a redelivered CaseOpened carries the same ce_id (consumers drop it); no case is opened twice
    expect(distinctEvents).toBe(UNITS.length);
    expect(new Set(opened.map((m) => m.json.subjectId)).size).toBe(UNITS.length);
    expect(openedBeforeKill).toBeLessThan(UNITS.length);
  }, 300_000);
});
