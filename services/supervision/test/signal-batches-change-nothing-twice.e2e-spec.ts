import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, CaseTopic, ReportMissedV1 } from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { createEvent, EventEnvelope, OutboxRelay } from '@civil/messaging';
import { bearer, createRunTopics, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { CaseSignalsService } from '../src/cases/application/case-signals.service';
import { openingSignal } from '../src/cases/application/upstream-signals';
import { startSupervision, upstream } from './support';

const province = { sub: 'p', roles: ['province-officer' as const], jurisdiction: '33' };

type CaseView = { caseId: string; subjectId: string; occurrences: number; outstanding: string[]; status: string };

/**
 * ReportMissed is applied a partition's run at a time, in one bulk write of the subjects it
 * touches, with offsets committed after. Whatever is delivered again — a whole batch, a batch
 * whose write landed before a crash kept its offsets from being committed, a batch cut by a
 * rebalance — nothing is counted twice and no case is opened twice.
 */
describe('signal batches: redelivered, cut by a crash after the write, or by a rebalance, change nothing twice', () => {
  const run = isolatedRun('sv-batches');
  const clock = new SettableClock('2026-03-04T03:00:00Z');
  const up = upstream(run);
  const caseTopic = up.names.physical(CaseTopic.name);
  const units = Array.from({ length: 300 }, (_, i) => `u-b-${String(i).padStart(3, '0')}`);
  const apps: INestApplication[] = [];
  let recorder: TopicRecorder;

  const allCases = async (a: INestApplication): Promise<CaseView[]> =>
    (await request(a.getHttpServer()).get('/cases').query({ limit: 1000 }).set(bearer(province)).expect(200)).body;
  const everyCaseCounts = (a: INestApplication, days: string[]) =>
    waitFor(
      `every unit's case counting ${days.join(', ')}`,
      async () => {
        const found = await allCases(a);
        return found.length === units.length && found.every((c) => c.occurrences === days.length) ? found : undefined;
      },
      90_000,
      200,
    );
  const start = async () => {
    const app = await startSupervision(run, clock);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    await createRunTopics(run);
    recorder = await new TopicRecorder([caseTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await up.publisher.disconnect();
    for (const a of apps) await a.close().catch(() => undefined);
  });

  it('counts a redelivered batch once, and a batch whose write landed before the offsets were committed once', async () => {
    const app = await start();
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-01')));
    await everyCaseCounts(app, ['2026-03-01']);

    // the bulk write of the next batch lands, then the process dies before committing its offsets:
    // the same events are delivered again
    const day2: EventEnvelope<any>[] = units.map((u) =>
      createEvent(ReportMissedV1, up.missedData(u, '2026-03-02'), {
        id: deterministicId(ReportMissedV1.type, u, '2026-03-02'),
        time: new Date('2026-03-02T02:00:05Z'),
      }),
    );
    await app.get(CaseSignalsService).apply(day2.map((e) => ({ event: e, open: openingSignal.reportMissed(e.data) })));
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-02')));
    // and a whole earlier batch arrives again
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-01')));
    // a marker behind them on every partition: once it is counted, everything before it was consumed
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-03')));

    const cases = await everyCaseCounts(app, ['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(cases.every((c) => c.status === 'open' && c.outstanding.join() === '2026-03-01,2026-03-02,2026-03-03')).toBe(true);
    await app.get(OutboxRelay).flush();
    const opened = await recorder.waitForCount(caseTopic, units.length, CaseOpenedV1.type);
    expect(new Set(opened.map((m) => m.headers.ce_id)).size).toBe(units.length);
    expect(new Set(opened.map((m) => m.json.subjectId)).size).toBe(units.length);
  }, 180_000);

  it('applies each event once when a second replica joins mid-stream and the first then leaves (two rebalances)', async () => {
    const first = apps[0];
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-04')));
    await waitFor('the first replica part-way through', async () =>
      (await allCases(first)).some((c) => c.occurrences === 4) ? true : undefined,
    );
    const second = await start(); // rebalance: partitions move while batches are in flight
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-05')));
    await first.close(); // rebalance again: the second replica takes every partition
    apps.splice(apps.indexOf(first), 1);
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-06')));

    const cases = await everyCaseCounts(second, ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(new Set(cases.map((c) => c.caseId)).size).toBe(units.length);
    expect(cases.map((c) => c.subjectId).sort()).toEqual(units);
    await second.get(OutboxRelay).flush();
    await recorder.caughtUp();
    const opened = recorder.of(caseTopic, CaseOpenedV1.type);
    expect(new Set(opened.map((m) => m.json.subjectId)).size).toBe(units.length);
    expect(new Set(opened.map((m) => m.headers.ce_id)).size).toBe(units.length);
  }, 180_000);
});
