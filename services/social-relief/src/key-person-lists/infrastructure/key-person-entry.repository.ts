import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { KeyPersonEntryChange, keyPersonEntryEvents } from '../application/key-person-entry-events';
import { KeyPersonEntry } from '../domain/key-person-entry';

/** What the overdue sweep reads of every active entry (no visits, no personal data). */
export type SweepRow = Pick<
  KeyPersonEntry,
  'entryId' | 'divisionCode' | 'status' | 'categories' | 'lastVisitAt' | 'activeSince' | 'overdue' | 'episodeIds'
>;

/** Key-person list entries (`key_person_entries`, `_id` = entry id), each with its outbox; writes go through `store`. */
@Injectable()
export class KeyPersonEntryRepository implements OnModuleInit {
  static readonly COLLECTION = 'key_person_entries';
  private readonly collection: Collection<Document>;
  /** Every write of an entry, with the events of its changes. */
  readonly store: AggregateStore<KeyPersonEntry, 'entryId', KeyPersonEntryChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, KeyPersonEntryRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'entryId',
      relay,
      events: keyPersonEntryEvents,
      noun: 'entry',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(entryId: string): Promise<Versioned<KeyPersonEntry> | undefined> {
    return this.store.get(entryId);
  }

  /** A township's entries for listing (a scan by township; lists are small), without the visit log. */
  async ofTownship(townshipCode: string): Promise<Omit<KeyPersonEntry, 'visits'>[]> {
    const docs = await this.collection
      .find({ townshipCode }, { projection: { visits: 0, outbox: 0, outboxLease: 0, writes: 0, version: 0 } })
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ entryId: String(_id), ...rest }) as Omit<KeyPersonEntry, 'visits'>);
  }

  /** The visits to a township's entries (time, mode and who made them only), entry by entry. */
  async *visitsOfTownship(
    townshipCode: string,
  ): AsyncGenerator<Pick<KeyPersonEntry['visits'][number], 'visitedAt' | 'mode' | 'visitorKind'>[]> {
    const cursor = this.collection
      .find({ townshipCode }, { projection: { 'visits.visitedAt': 1, 'visits.mode': 1, 'visits.visitorKind': 1 } })
      .batchSize(500);
    for await (const doc of cursor)
      yield (doc.visits ?? []) as Pick<KeyPersonEntry['visits'][number], 'visitedAt' | 'mode' | 'visitorKind'>[];
  }

  /** Entries whose register change is written but not yet confirmed made (a crash in between): the sweep retries them. */
  async pendingRegisterSync(): Promise<string[]> {
    const docs = await this.collection
      .find({ 'registerSyncPending.action': { $in: ['enrol', 'end'] } }, { projection: { _id: 1 } })
      .toArray();
    return docs.map((d) => String(d._id));
  }

  /** Every active entry, in batches, with only what the overdue sweep needs. */
  async *activeForSweep(batchSize = 1_000): AsyncGenerator<SweepRow[]> {
    const cursor = this.collection
      .find(
        { status: 'active' },
        { projection: { divisionCode: 1, status: 1, categories: 1, lastVisitAt: 1, activeSince: 1, overdue: 1, episodeIds: 1 } },
      )
      .batchSize(batchSize);
    let batch: SweepRow[] = [];
    for await (const { _id, ...rest } of cursor) {
      batch.push({ entryId: String(_id), ...rest } as SweepRow);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}
