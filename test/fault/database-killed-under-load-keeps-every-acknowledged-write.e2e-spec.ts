import { isolatedRun } from '@civil/testing';
import { PrivateServer } from './support/private-servers';
import { MonitoredRegistry, TOWNSHIP } from './support/monitored-unit-registry';
import { WriteLoad } from './support/write-load';

/**
 * The database is killed (SIGKILL) while units register and file reports through the HTTP API,
 * and started again. Every write answered 2xx must be in the database afterwards with its event on
 * Kafka; a write that was refused may be absent or present, but never present without its event.
 */
describe('database SIGKILL under a load of writes', () => {
  const run = isolatedRun('fault-db-kill');
  let mongo: PrivateServer;
  let registry: MonitoredRegistry;

  beforeAll(async () => {
    mongo = await (await PrivateServer.mongo()).start();
    registry = await new MonitoredRegistry(run, { mongo: mongo.address }).start();
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    await mongo?.destroy();
  }, 120_000);

  it('keeps every acknowledged write and publishes its event; nothing refused is half-written', async () => {
    const load = new WriteLoad(registry.baseUrl, registry.token, { prefix: 'u-dbk', reportDate: '2026-03-02', divisionCode: TOWNSHIP }).start();
    await load.moreAcknowledged(200);
    await mongo.kill();
    await load.moreRefused(6);
    await mongo.start();
    await load.moreAcknowledged(150);
    await mongo.kill();
    await load.moreRefused(6);
    await mongo.start();
    await load.moreAcknowledged(150);
    const outcomes = await load.stop();

    await registry.relay().flush();
    const stored = await registry.stored();
    await registry.recorder.caughtUp();
    const published = registry.published();

    const registered = load.acknowledged('registration');
    const reported = load.acknowledged('daily-report');
    const lostUnits = registered.filter((u) => !stored.units.has(u));
    const lostReports = reported.filter((u) => !stored.reports.has(u));
    const unpublishedUnits = [...stored.units].filter((u) => !published.registered.has(u));
    const unpublishedReports = [...stored.reports].filter((u) => !published.reported.has(u));
    const answers = new Map<string, number>();
    for (const o of outcomes) answers.set(String(o.status ?? o.error), (answers.get(String(o.status ?? o.error)) ?? 0) + 1);
    console.log(
      `database SIGKILL ×2: ${registered.length} registrations and ${reported.length} reports acknowledged; answers ${JSON.stringify(Object.fromEntries(answers))}; ` +
        `${stored.units.size} units and ${stored.reports.size} reports stored; ${published.duplicates} events published twice`,
    );

    expect(load.refused().length).toBeGreaterThan(0); // the outage was felt
    expect({ lostUnits, lostReports, unpublishedUnits, unpublishedReports, pending: stored.pending }).toEqual({ lostUnits: [], lostReports: [], unpublishedUnits: [], unpublishedReports: [], pending: 0 });
    // a refusal is a clear 503 (or no connection at all while the server was down), never a 500
    expect(outcomes.filter((o) => o.status !== undefined && o.status >= 500 && o.status !== 503)).toEqual([]);
  }, 240_000);
});
