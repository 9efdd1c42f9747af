import { waitFor } from '@civil/testing';
import { audit, NOTHING_LOST, onPrivateDatabase, TOWNSHIP } from './support/monitored-unit-registry';
import { WriteLoad } from './support/write-load';

/**
 * The database is frozen (SIGSTOP: its sockets stay open, nothing answers) for 20 s under a load
 * of writes, then thawed. Requests must end with 2xx or a clear 503 within the stated bound (5 s
 * to find the server, 5 s for a new connection's handshake, MONGO_SOCKET_TIMEOUT_MS = 10 s for an
 * answer: 20 s; the clients give up at 30 s), never hang; readiness
 * goes red and back to green; and whatever was stored has its event on Kafka.
 */
describe('database frozen for 20 s under a load of writes', () => {
  const servers = onPrivateDatabase('fault-db-freeze');

  it('answers 503 or succeeds, never hangs, turns readiness red and green again, and loses nothing', async () => {
    const [mongo, registry] = [servers.mongo(), servers.registry()];
    expect((await registry.ready()).status).toBe(200);
    const load = new WriteLoad(registry.baseUrl, registry.token, {
      prefix: 'u-dbf',
      reportDate: '2026-03-02',
      divisionCode: TOWNSHIP,
    }).start();
    await load.moreAcknowledged(150);

    mongo.freeze();
    const frozenAt = Date.now();
    const red = await waitFor(
      'readiness to turn red',
      async () => {
        const r = await registry.ready();
        return r.status === 503 ? r : undefined;
      },
      30_000,
    );
    expect(red.body.error?.database?.status ?? red.body.details?.database?.status).toBe('down');
    await load.moreRefused(6, 40_000);
    // the freeze lasts 20 s whatever the checks above took
    await waitFor('20 s of freeze', () => Date.now() - frozenAt >= 20_000, 30_000, 200);
    mongo.thaw();

    await waitFor(
      'readiness to turn green',
      async () => {
        const r = await registry.ready();
        if (r.status !== 200) throw new Error(JSON.stringify(r.body.error));
        return true;
      },
      60_000,
    );
    await load.moreAcknowledged(150);
    const outcomes = await load.stop();

    const hung = outcomes.filter((o) => o.status === undefined);
    const unclear = outcomes.filter((o) => o.status !== undefined && o.status >= 300 && o.status !== 503);
    const refused = outcomes.filter((o) => o.status === 503);
    console.log(
      `database frozen 20 s: ${refused.length} of ${outcomes.length} requests answered 503 (slowest ${Math.max(...refused.map((o) => o.ms))} ms), ${hung.length} without an answer`,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect({ hung, unclear }).toEqual({ hung: [], unclear: [] });
    expect(await audit(registry, load, 'database frozen 20 s')).toEqual(NOTHING_LOST);
  }, 240_000);
});
