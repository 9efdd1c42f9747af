import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError, retryWhileRacing } from '@civil/persistence';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { DeadLetterDoc, EventRecordDoc } from '../application/read-record';
import { LookupKeyDoc, lookupKeyOps } from './lookup-keys';

/** Directory entries known to be stored, so a batch does not rewrite them (bounded; forgotten entries are only written again). */
const KNOWN_ENTRIES_MAX = 200_000;

/** One event of a flow, as the flow's document lists it (enough to filter and summarise without the events). */
export interface FlowMember {
  /** Record id. */
  k: string;
  e?: string;
  t?: string;
  s?: string;
  r?: string;
  sj?: string;
  at: Date;
}

export interface FlowDoc {
  _id: string;
  firstAt: Date;
  lastAt: Date;
  members: FlowMember[];
}

/**
 * The lineage's database. `events`: one document per event, `_id` its event id (a record that is
 * no event, and a replay's copy, under its position `<topic>|<partition>|<offset>`), and a unique
 * index on (topic, partition, offset): storing the same offsets again is refused and skipped. The
 * embedded database uses only unique indexes, and only for an exact match, so each other lookup
 * has its own keyed document: `flows` (correlation id → its members), `event_ids` (the event id of
 * a record kept under its position → that record), `dead_letters` (one per record of a
 * dead-letter topic), `lookup_keys` (subject by day, type by hour: see `lookup-keys.ts`). Window
 * queries without a subject or type scan `events`; on MongoDB the secondary indexes serve them.
 */
@Injectable()
export class LineageStore implements OnModuleInit {
  readonly events: Collection<EventRecordDoc>;
  readonly eventIds: Collection<{ _id: string; k: string }>;
  readonly flows: Collection<FlowDoc>;
  readonly deadLetters: Collection<DeadLetterDoc>;
  readonly lookupKeys: Collection<LookupKeyDoc>;
  private readonly knownEntries = new Set<string>();

  constructor(@InjectDatabase() connection: Connection) {
    this.events = collectionOf(connection, 'events');
    this.eventIds = collectionOf(connection, 'event_ids');
    this.flows = collectionOf(connection, 'flows');
    this.deadLetters = collectionOf(connection, 'dead_letters');
    this.lookupKeys = collectionOf(connection, 'lookup_keys');
  }

  async onModuleInit(): Promise<void> {
    await this.events.createIndex({ topic: 1, partition: 1, offset: 1 }, { unique: true, name: 'record_position' });
    await this.deadLetters.createIndex({ dltTopic: 1, partition: 1, offset: 1 }, { unique: true, name: 'record_position' });
    // on MongoDB these serve the scans; the embedded database keeps and ignores them
    await this.events.createIndex({ at: -1 }, { name: 'time' });
    await this.events.createIndex({ subject: 1, at: -1 }, { name: 'subject_time' });
    await this.events.createIndex({ type: 1, at: -1 }, { name: 'type_time' });
  }

  /**
   * Stores one batch durably: events and dead letters by unordered bulk insert (records already
   * stored are skipped), with the event-id, flow, subject and type lookups (idempotent inserts and
   * upserts). Safe to call again
   * with the same records; the caller commits the batch's offsets only after this returns.
   */
  async insertBatch(
    records: readonly { event?: EventRecordDoc; deadLetter?: DeadLetterDoc }[],
  ): Promise<{ events: number; deadLetters: number }> {
    const events = records.flatMap((r) => (r.event ? [r.event] : []));
    const deadLetters = records.flatMap((r) => (r.deadLetter ? [r.deadLetter] : []));
    // all at once: each waits for its own journal commit, and the database commits them together.
    // Until all have succeeded the batch is not committed, so a lookup pointing to an event not yet
    // stored is made good when the batch is stored again (lookups skip what is missing meanwhile).
    const [insertedEvents, insertedDeadLetters] = await Promise.all([
      insertSkippingStored(this.events, events),
      insertSkippingStored(this.deadLetters, deadLetters),
      this.indexEventIds(events),
      this.indexFlows(events),
      this.indexLookupKeys(events),
    ]);
    return { events: insertedEvents, deadLetters: insertedDeadLetters };
  }

  /** Records kept under their position that still have an event id (unreadable ones, replay copies): the first of each. */
  private async indexEventIds(events: readonly EventRecordDoc[]): Promise<void> {
    const first = new Map<string, string>();
    for (const e of events) if (e.eventId && e._id !== e.eventId && !e.replayOf && !first.has(e.eventId)) first.set(e.eventId, e._id);
    await insertSkippingStored(
      this.eventIds,
      [...first].map(([_id, k]) => ({ _id, k })),
    );
  }

  /** Subject and type lookups of the batch: one unordered bulk write, one upsert per key. */
  private async indexLookupKeys(events: readonly EventRecordDoc[]): Promise<void> {
    const { ops, entries } = lookupKeyOps(events, (dir, chunk) => this.knownEntries.has(`${dir}#${chunk}`));
    if (ops.length === 0) return;
    await upsertRetryingRaces(this.lookupKeys, ops);
    if (this.knownEntries.size + entries.length > KNOWN_ENTRIES_MAX) this.knownEntries.clear();
    for (const [dir, chunk] of entries) this.knownEntries.add(`${dir}#${chunk}`);
  }

  private async indexFlows(events: readonly EventRecordDoc[]): Promise<void> {
    const byFlow = new Map<string, FlowMember[]>();
    for (const e of events) {
      if (!e.correlationId) continue;
      const member: FlowMember = { k: e._id, at: e.at };
      if (e.eventId) member.e = e.eventId;
      if (e.type) member.t = e.type;
      if (e.sourceService) member.s = e.sourceService;
      if (e.region) member.r = e.region;
      if (e.subject) member.sj = e.subject;
      const list = byFlow.get(e.correlationId) ?? [];
      list.push(member);
      byFlow.set(e.correlationId, list);
    }
    if (byFlow.size === 0) return;
    const ops: AnyBulkWriteOperation<FlowDoc>[] = [...byFlow].map(([correlationId, members]) => {
      const times = members.map((m) => m.at.getTime());
      return {
        updateOne: {
          filter: { _id: correlationId },
          // $addToSet of the same member (same record, same fields) is a no-op: a batch stored again adds nothing
          update: {
            $addToSet: { members: { $each: members } },
            $min: { firstAt: new Date(Math.min(...times)) },
            $max: { lastAt: new Date(Math.max(...times)) },
          },
          upsert: true,
        },
      };
    });
    await upsertRetryingRaces(this.flows, ops);
  }
}

/** Unordered insert; documents whose _id or position is already stored are skipped. Returns how many were new. */
async function insertSkippingStored<T extends { _id: string }>(collection: Collection<T>, docs: readonly T[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    const result = await collection.insertMany(docs as any[], { ordered: false });
    return result.insertedCount;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const e = error as { result?: { insertedCount?: number }; insertedCount?: number };
    return e.insertedCount ?? e.result?.insertedCount ?? 0;
  }
}

/**
 * Two partitions upserting a new key at once: the loser's insert hits the _id; doing it again
 * updates. After three lost rounds the batch fails as a ConcurrentChangeError, which the consumer
 * retries (its offsets stay uncommitted).
 */
function upsertRetryingRaces<T extends { _id: string }>(collection: Collection<T>, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
  return retryWhileRacing(
    async () => {
      try {
        await collection.bulkWrite(ops, { ordered: false });
        return { value: undefined };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return undefined;
      }
    },
    { attempts: 3, what: `${collection.collectionName} upserts` },
  );
}
