import { Controller, Get, Header } from '@nestjs/common';
import { OutboxRelay, OutboxRelayState } from '@civil/messaging';
import { Public } from '../auth/auth.decorators';
import { NotReady } from './readiness-check';

/**
 * Readiness of the outbox relay: up with what it holds while it publishes; down, with the same
 * figures and the broker's last error, while its attempts fail (accepted writes are waiting).
 */
export function relayReadiness(state: OutboxRelayState): Record<string, unknown> {
  if (!state.publishing) {
    throw new NotReady(
      `the outbox relay cannot publish (${state.failures} attempts failed): ${state.lastPublishError?.message ?? 'unknown error'}`,
      { ...state },
    );
  }
  return { ...state };
}

/** The relay's figures in the Prometheus text format, for scraping. */
export function relayMetrics(service: string, state: OutboxRelayState): string {
  const label = `{service="${service}"}`;
  const lines: [string, string, string, number][] = [
    ['outbox_relay_publishing', 'gauge', '1 while the relay publishes, 0 while its attempts fail', state.publishing ? 1 : 0],
    ['outbox_relay_pending_entries', 'gauge', 'events announced by writers and not yet acknowledged by the broker', state.pendingEntries],
    ['outbox_relay_pending_documents', 'gauge', 'documents whose events wait for the relay', state.pendingDocuments],
    ['outbox_relay_oldest_pending_age_seconds', 'gauge', 'age of the oldest waiting event', (state.oldestPendingAgeMs ?? 0) / 1000],
    ['outbox_relay_failed_attempts', 'gauge', 'consecutive failed publish attempts', state.failures],
    ['outbox_relay_published_total', 'counter', 'events published and removed from their documents since start', state.published],
  ];
  return lines.map(([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name}${label} ${value}\n`).join('');
}

export function relayMetricsController(service: string): new (relay: OutboxRelay) => unknown {
  @Public()
  @Controller('metrics')
  class RelayMetricsController {
    constructor(private readonly relay: OutboxRelay) {}

    @Get()
    @Header('Content-Type', 'text/plain; version=0.0.4')
    metrics(): string {
      return relayMetrics(service, this.relay.state());
    }
  }
  return RelayMetricsController;
}
