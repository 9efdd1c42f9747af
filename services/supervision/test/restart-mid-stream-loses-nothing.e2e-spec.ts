import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, CaseTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { bearer, createRunTopics, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { startSupervision, upstream } from './support';

const province = { sub: 'p', roles: ['province-officer' as const], jurisdiction: '33' };

describe('supervision stopped mid-stream and restarted', () => {
  const run = isolatedRun('sv-restart');
  const clock = new SettableClock('2026-03-03T03:00:00Z');
  const up = upstream(run);
  const caseTopic = up.names.physical(CaseTopic.name);
  const units = Array.from({ length: 60 }, (_, i) => `u-r-${String(i).padStart(2, '0')}`);
  let app: INestApplication | undefined;
  let recorder: TopicRecorder;

  const allCases = async (a: INestApplication) =>
    (await request(a.getHttpServer()).get('/cases').query({ limit: 1000 }).set(bearer(province)).expect(200)).body as {
      subjectId: string;
      occurrences: number;
    }[];

  beforeAll(async () => {
    await createRunTopics(run);
    recorder = await new TopicRecorder([caseTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await up.publisher.disconnect();
    await app?.close();
  });

  it('loses no event and applies none twice', async () => {
    // two missed days per unit, published before and while the service runs
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-01')));
    app = await startSupervision(run, clock);
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-02')));
    const first = app;
    await waitFor('some cases before the stop', async () => ((await allCases(first)).length >= 5 ? true : undefined));
    await app.close(); // graceful: stop consuming, flush the outbox, commit what is done
    app = undefined;

    // while it is down, a third day and a redelivery of the first day arrive
    await up.publisher.publish(units.map((u) => up.missedRecord(u, '2026-03-03')));
    await up.publisher.publish(units.slice(0, 10).map((u) => up.missedRecord(u, '2026-03-01')));

    app = await startSupervision(run, clock);
    const second = app;
    const cases = await waitFor(
      'every unit with one case counting three days',
      async () => {
        const found = await allCases(second);
        return found.length === units.length && found.every((c) => c.occurrences === 3) ? found : undefined;
      },
      60_000,
    );
    expect(cases.map((c) => c.subjectId).sort()).toEqual(units);
    await app.get(OutboxRelay).flush();
    const opened = await recorder.waitForCount(caseTopic, units.length, CaseOpenedV1.type);
    expect(new Set(opened.map((m) => m.json.subjectId)).size).toBe(units.length);
    expect(new Set(opened.map((m) => m.headers.ce_id)).size).toBe(units.length);
  });
});
