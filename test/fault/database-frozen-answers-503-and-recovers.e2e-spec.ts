import { isolatedRun, waitFor } from '@civil/testing';
import { PrivateServer } from './support/private-servers';
import { MonitoredRegistry, TOWNSHIP } from './support/monitored-unit-registry';
import { WriteLoad } from './support/write-load';

/**
 * The database is frozen (SIGSTOP: its sockets stay open, nothing answers) for 20 s under a load
 * of writes, then thawed. Requests must end with 2xx or a clear 503 within the stated bound (5 s
 * to find the server, 5 s for a new connection's handshake, MONGO_SOCKET_TIMEOUT_MS = 10 s for an
 * answer: 20 s; the clients give up at 30 s), never hang; readiness
 * goes red and back to green; and whatever was stored has its event on Kafka.
 */
describe('database frozen for 20 s under a load of writes', () => {
  const run = isolatedRun('fault-db-freeze');
  let mongo: PrivateServer;
  let registry: MonitoredRegistry;

  beforeAll(async () => {
    mongo = await (await PrivateServer.mongo()).start();
    registry = await new MonitoredRegistry(run, { mongo: mongo.address }).start();
  }, 120_000);

  afterAll(async () => {
    mongo?.thaw();
    await registry?.stop();
    await mongo?.destroy();
  }, 120_000);

  it('answers 503 or succeeds, never hangs, turns readiness red and green again, and loses nothing', async () => {
    expect((await registry.ready()).status).toBe(200);
    const load = new WriteLoad(registry.baseUrl, registry.token, { prefix: 'u-dbf', reportDate: '2026-03-02', divisionCode: TOWNSHIP }).start();
    await load.moreAcknowledged(150);

    mongo.freeze();
    const frozenAt = Date.now();
    const red = await waitFor('readiness to turn red', async () => {
      const r = await registry.ready();
      return r.status === 503 ? r : undefined;
    }, 30_000);
    expect(red.body.error?.database?.status ?? red.body.details?.database?.status).toBe('down');
    await load.moreRefused(6, 40_000);
    // the freeze lasts 20 s whatever the checks above took
    await waitFor('20 s of freeze', () => Date.now() - frozenAt >= 20_000, 30_000, 200);
    mongo.thaw();

    await waitFor('readiness to turn green', async () => {
      const r = await registry.ready();
      if (r.status !== 200) throw new Error(JSON.stringify(r.body.error));
      return true;
    }, 60_000);
    await load.moreAcknowledged(150);
    const outcomes = await load.stop();

    await registry.relay().flush();
    const stored = await registry.stored();
    await registry.recorder.caughtUp();
    const published = registry.published();
    const hung = outcomes.filter((o) => o.status === undefined);
    const unclear = outcomes.filter((o) => o.status !== undefined && o.status >= 300 && o.status !== 503);
    const refused = outcomes.filter((o) => o.status === 503);
    console.log(
      `database frozen 20 s: ${outcomes.length} requests, ${refused.length} answered 503 (slowest ${Math.max(...refused.map((o) => o.ms))} ms), ` +
        `${hung.length} without an answer; ${stored.units.size} units stored, ${published.duplicates} events published twice`,
    );

    expect(refused.length).toBeGreaterThan(0);
    expect({ hung, unclear }).toEqual({ hung: [], unclear: [] });
    const lost = load.acknowledged('registration').filter((u) => !stored.units.has(u));
    const unpublished = [...stored.units].filter((u) => !published.registered.has(u));
    const unpublishedReports = [...stored.reports].filter((u) => !published.reported.has(u));
    expect({ lost, unpublished, unpublishedReports, pending: stored.pending }).toEqual({ lost: [], unpublished: [], unpublishedReports: [], pending: 0 });
  }, 240_000);
});
