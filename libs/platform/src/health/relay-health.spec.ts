import { OutboxRelayState } from '@civil/messaging';
import { NotReady } from './readiness-check';
import { relayMetrics, relayReadiness } from './relay-health';

const publishing: OutboxRelayState = {
  publishing: true,
  pendingEntries: 3,
  pendingDocuments: 2,
  oldestPendingAgeMs: 1500,
  failures: 0,
  published: 40,
};

describe('outbox relay health', () => {
  it('is ready with its figures while it publishes', () => {
    expect(relayReadiness(publishing)).toEqual(publishing);
  });

  it('is not ready while its attempts fail, and says why with the same figures', () => {
    const failing = {
      ...publishing,
      publishing: false,
      failures: 4,
      lastPublishError: { message: 'Connection error: ECONNREFUSED', at: '2026-12-01T00:00:00.000Z' },
    };
    let error: unknown;
    try {
      relayReadiness(failing);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotReady);
    expect((error as NotReady).message).toContain('ECONNREFUSED');
    expect((error as NotReady).details).toMatchObject({ pendingDocuments: 2, failures: 4 });
  });

  it('writes the figures as Prometheus text', () => {
    const text = relayMetrics('supervision', { ...publishing, publishing: false });
    expect(text).toContain('outbox_relay_publishing{service="supervision"} 0\n');
    expect(text).toContain('outbox_relay_oldest_pending_age_seconds{service="supervision"} 1.5\n');
    expect(text).toContain('# TYPE outbox_relay_published_total counter\n');
  });
});
