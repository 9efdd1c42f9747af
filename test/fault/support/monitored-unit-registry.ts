import { INestApplication } from '@nestjs/common';
import {
  DailyReportCorrectedV1,
  DailyReportSubmittedV1,
  DailyReportTopic,
  InstitutionRegisteredV1,
  InstitutionTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { createRunTopics, isolatedRun, kafkaBrokers, mongoUrl, serviceEnv, tokenFor, TopicRecorder, waitFor } from '@civil/testing';
import { MongoClient } from 'mongodb';
import { PrivateServer } from './private-servers';
import { WriteLoad } from './write-load';
import { createApp, InstitutionMonitoringConfig } from '@civil/institution-monitoring';

export const COUNTY = '330521';
export const TOWNSHIP = '330521101';
export const officer = { sub: 'fault-officer', roles: ['county-officer' as const], jurisdiction: COUNTY };

/**
 * institution-monitoring listening on a loopback port, on the given Kafka and database (a fault
 * test's own, or the shared ones), with recorders on its registry and daily-report topics.
 */
export class MonitoredRegistry {
  app?: INestApplication;
  baseUrl = '';
  readonly clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 in Beijing, before the deadline
  readonly names: TopicNames;
  readonly recorder: TopicRecorder;
  readonly token = tokenFor(officer);

  constructor(
    readonly run: { topicPrefix: string; dbName: (s: string) => string },
    readonly servers: { kafka?: string; mongo?: string } = {},
  ) {
    this.names = new TopicNames(run.topicPrefix);
    this.recorder = new TopicRecorder([this.institutionTopic, this.reportTopic], this.kafkaBrokers());
  }

  get institutionTopic(): string {
    return this.names.physical(InstitutionTopic.name);
  }

  get reportTopic(): string {
    return this.names.physical(DailyReportTopic.name);
  }

  kafkaBrokers(): string[] {
    return this.servers.kafka ? [this.servers.kafka] : kafkaBrokers();
  }

  mongoUrl(): string {
    return this.servers.mongo ?? mongoUrl();
  }

  /** `record`: start the recorders now (a test that kills the broker starts them after). */
  async start(record = true): Promise<this> {
    await createRunTopics(this.run, this.kafkaBrokers());
    const env = serviceEnv(this.run, 'institution-monitoring', {
      KAFKA_BROKERS: this.kafkaBrokers().join(','),
      MONGO_URL: this.mongoUrl(),
    });
    this.app = await createApp(loadConfig(InstitutionMonitoringConfig, env), this.clock);
    await this.app.listen(0, '127.0.0.1');
    this.baseUrl = await this.app.getUrl();
    this.baseUrl = this.baseUrl.replace('[::1]', '127.0.0.1');
    if (record) await this.recorder.start();
    return this;
  }

  relay(): OutboxRelay {
    return this.app!.get(OutboxRelay);
  }

  async ready(): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.json() };
  }

  /** Unit ids in the database, and the units whose documents still hold unpublished events. */
  async stored(): Promise<{ units: Set<string>; reports: Set<string>; pending: number }> {
    const client = await MongoClient.connect(this.mongoUrl());
    try {
      const db = client.db(this.run.dbName('institution-monitoring'));
      const units = await db
        .collection('institutions')
        .find({}, { projection: { _id: 1, outbox: 1 } })
        .toArray();
      const reports = await db
        .collection('daily_reports')
        .find({}, { projection: { _id: 1, unitId: 1, outbox: 1 } })
        .toArray();
      return {
        units: new Set(units.map((u) => String(u._id))),
        reports: new Set(reports.map((r) => String(r.unitId))),
        pending: [...units, ...reports].filter((d) => (d.outbox?.length ?? 0) > 0).length,
      };
    } finally {
      await client.close();
    }
  }

  /**
   * Units whose correction reached Kafka before the report it corrects: a key out of order. An
   * event sent again later (at least once) does not count; its first copy's place does.
   */
  outOfOrder(): string[] {
    const first = new Map<string, { submitted?: bigint; corrected?: bigint }>();
    const seen = new Set<string>();
    const messages = this.recorder
      .of(this.reportTopic)
      .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    for (const m of messages) {
      if (seen.has(m.headers.ce_id)) continue;
      seen.add(m.headers.ce_id);
      const entry = first.get(m.key!) ?? {};
      if (m.headers.ce_type === DailyReportSubmittedV1.type) entry.submitted ??= BigInt(m.offset);
      if (m.headers.ce_type === DailyReportCorrectedV1.type) entry.corrected ??= BigInt(m.offset);
      first.set(m.key!, entry);
    }
    return [...first]
      .filter(([, e]) => e.corrected !== undefined && (e.submitted === undefined || e.corrected < e.submitted))
      .map(([k]) => k);
  }

  /** Units whose correction reached Kafka. */
  corrected(): Set<string> {
    return new Set(this.recorder.of(this.reportTopic, DailyReportCorrectedV1.type).map((m) => m.key!));
  }

  /** Units whose registration, and units whose daily report, reached Kafka; and how many events came twice. */
  published(): { registered: Set<string>; reported: Set<string>; duplicates: number } {
    const registered = this.recorder.of(this.institutionTopic, InstitutionRegisteredV1.type);
    const reported = this.recorder.of(this.reportTopic, DailyReportSubmittedV1.type);
    const all = [...registered, ...reported];
    return {
      registered: new Set(registered.map((m) => m.key!)),
      reported: new Set(reported.map((m) => m.key!)),
      duplicates: all.length - new Set(all.map((m) => m.headers.ce_id)).size,
    };
  }

  async stop(): Promise<void> {
    await this.recorder.stop().catch(() => undefined);
    await this.app?.close().catch(() => undefined);
  }
}

/** What survived a fault: acknowledged writes missing from the database, stored writes missing from Kafka. */
export interface Audit {
  lostUnits: string[];
  lostReports: string[];
  unpublishedUnits: string[];
  unpublishedReports: string[];
  pending: number;
}

/**
 * Once the load has stopped: publishes what is left, reads the database and the topics, and
 * compares them with what the clients were told. Prints the counts for the run's record.
 *
 * A write the database took but never answered (it died first) is in the database with no relay
 * told of it for certain: the relay's recovery scan takes such entries once they are older than a
 * live writer's window (10 s), so the audit waits for the documents to empty before it counts.
 */
export async function audit(registry: MonitoredRegistry, load: WriteLoad, label: string): Promise<Audit> {
  await registry.relay().flush();
  const emptied = async () => {
    await registry.relay().flush();
    return (await registry.stored()).pending === 0;
  };
  await waitFor('every stored event to leave its document', emptied, 30_000, 500).catch(() => undefined); // counted below
  const stored = await registry.stored();
  await registry.recorder.caughtUp();
  const published = registry.published();
  const registered = load.acknowledged('registration');
  const reported = load.acknowledged('daily-report');
  const answers: Record<string, number> = {};
  for (const o of load.outcomes) answers[String(o.status ?? o.error)] = (answers[String(o.status ?? o.error)] ?? 0) + 1;
  console.log(
    `${label}: ${registered.length} registrations and ${reported.length} reports acknowledged; answers ${JSON.stringify(answers)}; ` +
      `${stored.units.size} units and ${stored.reports.size} reports stored; ${published.duplicates} events published twice`,
  );
  return {
    lostUnits: registered.filter((u) => !stored.units.has(u)),
    lostReports: reported.filter((u) => !stored.reports.has(u)),
    unpublishedUnits: [...stored.units].filter((u) => !published.registered.has(u)),
    unpublishedReports: [...stored.reports].filter((u) => !published.reported.has(u)),
    pending: stored.pending,
  };
}

export const NOTHING_LOST: Audit = { lostUnits: [], lostReports: [], unpublishedUnits: [], unpublishedReports: [], pending: 0 };

/** institution-monitoring on a database of the test's own (to kill or freeze) and the shared broker. */
export function onPrivateDatabase(label: string): { mongo: () => PrivateServer; registry: () => MonitoredRegistry } {
  const run = isolatedRun(label);
  let mongo: PrivateServer | undefined;
  let registry: MonitoredRegistry | undefined;
  beforeAll(async () => {
    mongo = await (await PrivateServer.mongo()).start();
    registry = await new MonitoredRegistry(run, { mongo: mongo.address }).start();
  }, 120_000);
  afterAll(async () => {
    mongo?.thaw();
    await registry?.stop();
    await mongo?.destroy();
  }, 120_000);
  return { mongo: () => mongo!, registry: () => registry! };
}
