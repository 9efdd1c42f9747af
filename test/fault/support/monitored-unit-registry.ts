import { INestApplication } from '@nestjs/common';
import { DailyReportSubmittedV1, DailyReportTopic, InstitutionRegisteredV1, InstitutionTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { createRunTopics, kafkaBrokers, mongoUrl, serviceEnv, tokenFor, TopicRecorder } from '@civil/testing';
import { MongoClient } from 'mongodb';
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
    const env = serviceEnv(this.run, 'institution-monitoring', { KAFKA_BROKERS: this.kafkaBrokers().join(','), MONGO_URL: this.mongoUrl() });
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
      const units = await db.collection('institutions').find({}, { projection: { _id: 1, outbox: 1 } }).toArray();
      const reports = await db.collection('daily_reports').find({}, { projection: { _id: 1, unitId: 1, outbox: 1 } }).toArray();
      return {
        units: new Set(units.map((u) => String(u._id))),
        reports: new Set(reports.map((r) => String(r.unitId))),
        pending: [...units, ...reports].filter((d) => (d.outbox?.length ?? 0) > 0).length,
      };
    } finally {
      await client.close();
    }
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
