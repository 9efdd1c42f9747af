import { isolatedRun, waitFor } from '@civil/testing';
import { PrivateServer } from './support/private-servers';
import { MonitoredRegistry, TOWNSHIP } from './support/monitored-unit-registry';
import { WriteLoad } from './support/write-load';

/** How long after the broker is reachable again the backlog must be on Kafka (the stated bound). */
const BACKLOG_BOUND_MS = 30_000;

/**
 * Kafka is killed (SIGKILL) under a load of writes through the HTTP API and started again, three
 * times; the last outage leaves at least 2,000 events pending. Writes go on being accepted while
 * the broker is down, and every accepted write's event must reach Kafka once it is back, however
 * busy the writers are (a wedged producer, or an entry removed for an event the broker never
 * stored, shows up as an event missing here). Duplicates are allowed (at least once) and counted.
 */
describe('broker SIGKILL, three times, under a load of writes', () => {
  const run = isolatedRun('fault-kafka-kill');
  let kafka: PrivateServer;
  let registry: MonitoredRegistry;

  beforeAll(async () => {
    kafka = await (await PrivateServer.kafka()).start();
    registry = new MonitoredRegistry(run, { kafka: kafka.address });
    await registry.start(false);
  }, 180_000);

  afterAll(async () => {
    await registry?.stop();
    await kafka?.destroy();
  }, 120_000);

  it('accepts writes during each outage and publishes every accepted event after it', async () => {
    const load = new WriteLoad(registry.baseUrl, registry.token, {
      prefix: 'u-kk',
      reportDate: '2026-03-02',
      divisionCode: TOWNSHIP,
      corrections: true,
    }).start();
    await load.moreAcknowledged(100);
    let backlogMs = 0;
    for (const round of [1, 2, 3]) {
      await kafka.kill();
      // the last outage leaves a backlog of 2,000 events
      await load.moreAcknowledged(round === 3 ? 2_000 : 300, 180_000);
      await kafka.start();
      const back = Date.now();
      if (round < 3) {
        await waitFor(
          'the relay to publish again',
          () => registry.relay().state().publishing && registry.relay().state().pendingDocuments === 0,
          60_000,
          100,
        );
        await load.moreAcknowledged(100);
      } else {
        const outcomes = await load.stop();
        const registered = load.acknowledged('registration');
        const reported = load.acknowledged('daily-report');
        const corrected = load.acknowledged('correction');
        await registry.recorder.start();
        await waitFor(
          `every accepted event on Kafka within ${BACKLOG_BOUND_MS / 1000} s of the broker being back`,
          () => {
            const published = registry.published();
            const corrections = registry.corrected();
            return (
              registered.every((u) => published.registered.has(u)) &&
              reported.every((u) => published.reported.has(u)) &&
              corrected.every((u) => corrections.has(u))
            );
          },
          BACKLOG_BOUND_MS,
          100,
        ).catch((e: Error) => {
          const published = registry.published();
          const corrections = registry.corrected();
          const missing = [
            ...registered.filter((u) => !published.registered.has(u)),
            ...reported.filter((u) => !published.reported.has(u)),
            ...corrected.filter((u) => !corrections.has(u)),
          ];
          throw new Error(
            `${e.message}: ${missing.length} missing, e.g. ${missing.slice(0, 5).join(', ')}; relay ${JSON.stringify(registry.relay().state())}`,
          );
        });
        backlogMs = Date.now() - back;
        await registry.relay().flush();
        await registry.recorder.caughtUp();
        const published = registry.published();
        const stored = await registry.stored();
        console.log(
          `broker SIGKILL ×3: ${registered.length} registrations, ${reported.length} reports and ${corrected.length} corrections accepted (${outcomes.length} requests); ` +
            `the last outage's backlog was on Kafka ${backlogMs} ms after the broker was back; ${published.duplicates} events published twice`,
        );
        expect(load.refused().filter((o) => o.status !== 503)).toEqual([]); // the broker is not in the write path
        expect([...stored.units].filter((u) => !published.registered.has(u))).toEqual([]);
        expect(stored.pending).toBe(0);
        // each unit's report and its correction share a key: the report comes first on Kafka
        expect(registry.outOfOrder()).toEqual([]);
      }
    }
  }, 600_000);
});
