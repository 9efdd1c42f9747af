import { randomUUID } from 'node:crypto';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { contractByType, validatePayload } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { DLT_HEADERS, TopicNames } from '@civil/messaging';
import { InjectClock, Principal } from '@civil/platform';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { AuditRepository } from '../../audit/infrastructure/audit.repository';
import { Replay } from '../../ingestion/domain/lineage-record';
import { DeadLetterDoc, REPLAY_HEADERS } from '../../ingestion/application/read-record';
import { LineageStore } from '../../ingestion/infrastructure/lineage.store';
import { viewerOf } from '../../lookups/application/event-views';
import { FindDeadLetters } from './find-dead-letters';

export interface ReplayCommand {
  ids: string[];
  reason: string;
  payload?: Record<string, unknown>;
}

const DLT_ONLY = new Set<string>(Object.values(DLT_HEADERS));

/**
 * Sends dead letters back to the topic they came from, as they were (key, value bytes, headers
 * without the dead-letter ones), or with a repaired payload that passes the event's contract
 * schema; each copy carries `replayed-from` (the dead letter) and `replay-audit-id`. The audit
 * entry is written first, so no replay happens unrecorded. The key keeps the partition (the
 * platform's default partitioner), so the copy is ordered with the rest of its aggregate.
 */
@Injectable()
export class ReplayDeadLetters implements OnApplicationShutdown {
  private producer?: Promise<Producer>;

  constructor(
    private readonly kafka: Kafka,
    private readonly names: TopicNames,
    private readonly store: LineageStore,
    private readonly deadLetters: FindDeadLetters,
    private readonly audit: AuditRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async replay(
    principal: Principal,
    command: ReplayCommand,
  ): Promise<{ auditId: string; replayed: { id: string; topic: string; partition: number; offset: number; eventId?: string }[] }> {
    if (command.payload !== undefined && command.ids.length !== 1)
      throw DomainError.invalid('PayloadNeedsOneId', 'payload (a repaired payload) may be given only with exactly one id', {
        field: 'payload',
      });
    const unique = [...new Set(command.ids)];
    const viewer = viewerOf(principal);
    const docs: DeadLetterDoc[] = [];
    for (const id of unique) docs.push(await this.deadLetters.load(viewer, id));
    if (command.payload !== undefined) this.checkRepaired(docs[0], command.payload);

    const auditId = randomUUID();
    await this.audit.record(
      principal,
      'replay',
      {
        ids: unique,
        reason: command.reason,
        repaired: command.payload !== undefined,
        ...(command.payload ? { payload: command.payload } : {}),
      },
      auditId,
    );
    const producer = await this.connect();
    const replayed: { id: string; topic: string; partition: number; offset: number; eventId?: string }[] = [];
    for (const doc of docs) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(doc.headers)) if (!DLT_ONLY.has(k)) headers[k] = v;
      headers[REPLAY_HEADERS.replayedFrom] = doc._id;
      headers[REPLAY_HEADERS.auditId] = auditId;
      const value =
        command.payload !== undefined
          ? Buffer.from(JSON.stringify(command.payload))
          : doc.valueBase64
            ? Buffer.from(doc.valueBase64, 'base64')
            : null;
      const key = doc.keyBase64 ? Buffer.from(doc.keyBase64, 'base64') : null;
      const [meta] = await producer.send({ topic: this.names.physical(doc.originalTopic), acks: -1, messages: [{ key, value, headers }] });
      const offset = Number(meta.baseOffset ?? meta.offset);
      const entry: Replay = {
        auditId,
        at: this.clock.now().toISOString(),
        sub: principal.sub,
        reason: command.reason,
        topic: doc.originalTopic,
        partition: meta.partition,
        offset,
        eventId: doc.eventId,
        repaired: command.payload !== undefined,
      };
      await this.store.deadLetters.updateOne({ _id: doc._id }, { $inc: { replayCount: 1 }, $push: { replays: entry } });
      replayed.push({ id: doc._id, topic: doc.originalTopic, partition: meta.partition, offset, eventId: doc.eventId });
    }
    return { auditId, replayed };
  }

  /** A repaired payload must be one the event's contract accepts. */
  private checkRepaired(doc: DeadLetterDoc, payload: Record<string, unknown>): void {
    const contract = doc.type ? contractByType(doc.type) : undefined;
    if (!contract)
      throw DomainError.invalid(
        'NoContract',
        `dead letter ${doc._id} has no known event type (${doc.type ?? 'none'}); its payload cannot be checked`,
        {
          field: 'payload',
        },
      );
    const problems = validatePayload(contract, payload);
    if (problems.length)
      throw DomainError.invalid('PayloadInvalid', `payload does not satisfy ${contract.type}: ${problems.join('; ')}`, {
        field: 'payload',
        problems,
      });
  }

  private connect(): Promise<Producer> {
    this.producer ??= (async () => {
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await p.connect();
      return p;
    })().catch((e) => {
      this.producer = undefined;
      throw e;
    });
    return this.producer;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.producer) await (await this.producer.catch(() => undefined))?.disconnect();
  }
}
