import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ALL_CONTRACTS, ALL_TOPICS, CONTRACTS_BY_CONTEXT } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { Admin, Kafka } from 'kafkajs';
import { LineageStore } from '../../ingestion/infrastructure/lineage.store';
import { visibleFilter } from '../../lookups/application/event-views';
import { Viewer } from '../../lookups/domain/visibility';

export interface TopicView {
  topic: string;
  eventTypes: string[];
  publishers: string[];
  consumers: string[];
  source: 'contract' | 'observed' | 'both';
  perMinute: { minute: string; count: number }[];
}

export interface LagView {
  groupId: string;
  topic: string;
  partition: number;
  committedOffset: number;
  highWatermark: number;
  lag: number;
}

/**
 * Who publishes and who reads each topic: the contracts name each topic's publisher (the context
 * that owns it); the rest is observed — the sources of the records stored in the window, and the
 * consumer groups of this deployment with offsets committed on the topic (and their lag per
 * partition, from the broker). A topic is `contract` when nothing was seen on it in the window,
 * `observed` when no contract names it (dead-letter topics), `both` otherwise.
 */
@Injectable()
export class Topology implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(
    private readonly kafka: Kafka,
    private readonly names: TopicNames,
    private readonly store: LineageStore,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async of(viewer: Viewer, minutes: number): Promise<{ topics: TopicView[]; lag: LagView[] }> {
    const since = new Date(this.clock.now().getTime() - minutes * 60_000);
    const [observed, lag] = await Promise.all([this.observed(viewer, since), this.lag()]);
    const topics = new Map<string, TopicView & { contract: boolean; seen: boolean }>();
    const topicOf = (name: string, contract: boolean) => {
      let t = topics.get(name);
      if (!t)
        topics.set(
          name,
          (t = { topic: name, eventTypes: [], publishers: [], consumers: [], source: 'contract', perMinute: [], contract, seen: false }),
        );
      return t;
    };
    for (const [context, owned] of Object.entries(CONTRACTS_BY_CONTEXT))
      for (const topic of owned.topics) {
        const t = topicOf(topic.name, true);
        t.publishers.push(context);
        t.eventTypes.push(...ALL_CONTRACTS.filter((c) => c.topic === topic.name).map((c) => c.type));
      }
    for (const o of observed) {
      const t = topicOf(
        o.topic,
        ALL_TOPICS.some((x) => x.name === o.topic),
      );
      t.seen = true;
      for (const type of o.types) if (!t.eventTypes.includes(type)) t.eventTypes.push(type);
      for (const s of o.services) if (!t.publishers.includes(s)) t.publishers.push(s);
      t.perMinute = o.perMinute;
    }
    for (const l of lag) {
      const t = topics.get(l.topic);
      if (t && !t.consumers.includes(l.groupId)) t.consumers.push(l.groupId);
    }
    return {
      topics: [...topics.values()].map(({ contract, seen, ...t }) => ({
        ...t,
        source: contract ? (seen ? 'both' : 'contract') : 'observed',
      })),
      lag,
    };
  }

  /** Records stored per topic and minute in the window (by when the broker recorded them), with their types and sources. */
  private async observed(viewer: Viewer, since: Date) {
    const docs = await this.store.events
      .find(
        { ...visibleFilter(viewer), recordedAt: { $gte: since } },
        { projection: { topic: 1, type: 1, sourceService: 1, recordedAt: 1 } },
      )
      .toArray();
    const byTopic = new Map<string, { types: Set<string>; services: Set<string>; minutes: Map<string, number> }>();
    for (const d of docs) {
      let t = byTopic.get(d.topic);
      if (!t) byTopic.set(d.topic, (t = { types: new Set(), services: new Set(), minutes: new Map() }));
      if (d.type) t.types.add(d.type);
      if (d.sourceService) t.services.add(d.sourceService);
      const minute = new Date(Math.floor(d.recordedAt.getTime() / 60_000) * 60_000).toISOString();
      t.minutes.set(minute, (t.minutes.get(minute) ?? 0) + 1);
    }
    const deadLetters = await this.store.deadLetters
      .find({ ...visibleFilter(viewer), failedAt: { $gte: since } }, { projection: { dltTopic: 1, consumerGroup: 1, failedAt: 1 } })
      .toArray();
    for (const d of deadLetters) {
      let t = byTopic.get(d.dltTopic);
      if (!t) byTopic.set(d.dltTopic, (t = { types: new Set(), services: new Set(), minutes: new Map() }));
      if (d.consumerGroup) t.services.add(this.names.logical(d.consumerGroup));
      const minute = new Date(Math.floor(d.failedAt.getTime() / 60_000) * 60_000).toISOString();
      t.minutes.set(minute, (t.minutes.get(minute) ?? 0) + 1);
    }
    return [...byTopic].map(([topic, t]) => ({
      topic,
      types: [...t.types],
      services: [...t.services],
      perMinute: [...t.minutes].sort(([a], [b]) => a.localeCompare(b)).map(([minute, count]) => ({ minute, count })),
    }));
  }

  /** Each consumer group of this deployment: committed offset, high watermark and lag per partition. */
  private async lag(): Promise<LagView[]> {
    const admin = await this.connect();
    const prefix = this.names.prefix;
    const { groups } = await admin.listGroups();
    const ours = groups.filter((g) => g.protocolType === 'consumer' && (!prefix || g.groupId.startsWith(prefix)));
    const topicNames = ALL_TOPICS.map((t) => this.names.physical(t.name));
    const watermarks = new Map<string, Map<number, number>>();
    const highOf = async (topic: string) => {
      let m = watermarks.get(topic);
      if (!m) {
        m = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        watermarks.set(topic, m);
      }
      return m;
    };
    const out: LagView[] = [];
    for (const g of ours) {
      const offsets = await admin.fetchOffsets({ groupId: g.groupId, topics: topicNames });
      for (const t of offsets) {
        const committed = t.partitions.filter((p) => Number(p.offset) >= 0);
        if (committed.length === 0) continue;
        const high = await highOf(t.topic);
        for (const p of t.partitions) {
          const hw = high.get(p.partition) ?? 0;
          const c = Number(p.offset);
          out.push({
            groupId: this.names.logical(g.groupId),
            topic: this.names.logical(t.topic),
            partition: p.partition,
            committedOffset: c,
            highWatermark: hw,
            lag: Math.max(0, hw - Math.max(c, 0)),
          });
        }
      }
    }
    return out;
  }

  private connect(): Promise<Admin> {
    this.admin ??= (async () => {
      const a = this.kafka.admin();
      await a.connect();
      return a;
    })().catch((e) => {
      this.admin = undefined;
      throw e;
    });
    return this.admin;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.admin) await (await this.admin.catch(() => undefined))?.disconnect();
  }
}
