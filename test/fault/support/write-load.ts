import { waitFor } from '@civil/testing';

/** What one request got: an HTTP status, or no answer at all (with why). */
export interface Outcome {
  kind: 'registration' | 'daily-report' | 'correction';
  unitId: string;
  status?: number;
  error?: string;
  ms: number;
}

/** Anything a client must never see from a server under faults: a hang past this is a failure. */
export const REQUEST_DEADLINE_MS = 30_000;

/**
 * Writes through the HTTP API from `workers` concurrent clients until stopped: each client
 * registers a unit, then files that unit's daily report, then takes the next unit. Every answer is
 * kept, so a test can count what was acknowledged against what survived.
 */
export class WriteLoad {
  readonly outcomes: Outcome[] = [];
  private next = 0;
  private stopped = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    /** `corrections`: each filed report is corrected once too (a second event of the unit on the report topic). */
    private readonly options: { prefix: string; reportDate: string; divisionCode: string; workers?: number; corrections?: boolean },
  ) {}

  start(): this {
    this.running = Array.from({ length: this.options.workers ?? 6 }, () => this.worker());
    return this;
  }

  async stop(): Promise<Outcome[]> {
    this.stopped = true;
    await Promise.all(this.running);
    return this.outcomes;
  }

  acknowledged(kind: Outcome['kind']): string[] {
    return this.outcomes.filter((o) => o.kind === kind && o.status !== undefined && o.status >= 200 && o.status < 300).map((o) => o.unitId);
  }

  refused(): Outcome[] {
    return this.outcomes.filter((o) => o.status === undefined || o.status >= 300);
  }

  /** Waits until `count` more writes of any kind were acknowledged than when called. */
  async moreAcknowledged(count: number, timeoutMs = 60_000): Promise<void> {
    const all = () => this.outcomes.filter((o) => o.status !== undefined && o.status >= 200 && o.status < 300).length;
    const base = all();
    await waitFor(`${count} more acknowledged writes`, () => all() >= base + count, timeoutMs, 20);
  }

  /** Waits until `count` more requests were not acknowledged than when called. */
  async moreRefused(count: number, timeoutMs = 60_000): Promise<void> {
    const base = this.refused().length;
    await waitFor(`${count} more refused writes`, () => this.refused().length >= base + count, timeoutMs, 20);
  }

  private async worker(): Promise<void> {
    while (!this.stopped) {
      const unitId = `${this.options.prefix}-${String(this.next++).padStart(5, '0')}`;
      const registered = await this.send('registration', unitId, '/institutions', {
        unitId,
        name: `${unitId} 养老院`,
        unitType: 'elderly-care-home',
        operator: 'social-capital',
        divisionCode: this.options.divisionCode,
        beds: 100,
        bedsInUse: 80,
      });
      if (registered !== 201) continue;
      const counts = {
        residents: 80,
        staffOnDuty: 20,
        newAdmissions: 0,
        temperatureAnomalies: 0,
        suspected: 0,
        confirmed: 0,
        isolated: 0,
        transferred: 0,
        deaths: 0,
        ppeDaysOfCover: 40,
        vaccinatedResidents: 76,
        vaccinatedStaff: 20,
      };
      const filed = await this.send('daily-report', unitId, `/institutions/${unitId}/daily-reports`, {
        reportDate: this.options.reportDate,
        counts,
      });
      if (filed !== 201 || !this.options.corrections) continue;
      await this.send(
        'correction',
        unitId,
        `/institutions/${unitId}/daily-reports/${this.options.reportDate}`,
        { counts: { ...counts, staffOnDuty: 21 }, reason: '补报一名值班人员' },
        'PUT',
      );
    }
  }

  private async send(kind: Outcome['kind'], unitId: string, path: string, body: unknown, method = 'POST'): Promise<number | undefined> {
    const started = Date.now();
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
      });
      await res.arrayBuffer();
      this.outcomes.push({ kind, unitId, status: res.status, ms: Date.now() - started });
      return res.status;
    } catch (e) {
      this.outcomes.push({
        kind,
        unitId,
        error: (e as Error).name === 'TimeoutError' ? 'no answer within the deadline' : (e as Error).message,
        ms: Date.now() - started,
      });
      // a client whose server is unreachable backs off a little instead of spinning
      await new Promise((r) => setTimeout(r, 50));
      return undefined;
    }
  }
}
