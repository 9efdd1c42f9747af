import { audit, NOTHING_LOST, onPrivateDatabase, TOWNSHIP } from './support/monitored-unit-registry';
import { WriteLoad } from './support/write-load';

/**
 * The database is killed (SIGKILL) while units register and file reports through the HTTP API,
 * and started again. Every write answered 2xx must be in the database afterwards with its event on
 * Kafka; a write that was refused may be absent or present, but never present without its event.
 */
describe('database SIGKILL under a load of writes', () => {
  const servers = onPrivateDatabase('fault-db-kill');

  it('keeps every acknowledged write and publishes its event; nothing refused is half-written', async () => {
    const [mongo, registry] = [servers.mongo(), servers.registry()];
    const load = new WriteLoad(registry.baseUrl, registry.token, {
      prefix: 'u-dbk',
      reportDate: '2026-03-02',
      divisionCode: TOWNSHIP,
    }).start();
    await load.moreAcknowledged(200);
    for (const round of [1, 2]) {
      await mongo.kill();
      await load.moreRefused(6);
      await mongo.start();
      await load.moreAcknowledged(round === 1 ? 150 : 300);
    }
    const outcomes = await load.stop();

    expect(load.refused().length).toBeGreaterThan(0); // the outage was felt
    expect(await audit(registry, load, 'database SIGKILL ×2')).toEqual(NOTHING_LOST);
    // a refusal is a clear 503 (or no connection at all while the server was down), never a 500
    expect(outcomes.filter((o) => o.status !== undefined && o.status >= 500 && o.status !== 503)).toEqual([]);
  }, 240_000);
});
