import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { BenefitRound } from '../domain/round';

/** `benefit_rounds`: one document per round, written through `store` (compare-and-set on its version; a round publishes nothing). */
@Injectable()
export class RoundRepository implements OnModuleInit {
  static readonly COLLECTION = 'benefit_rounds';
  private readonly collection: Collection<Document>;
  /** Every write of a round but its progress hint. */
  readonly store: AggregateStore<BenefitRound, 'roundId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, RoundRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'roundId',
      relay,
      events: noEvents,
      noun: 'round',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(roundId: string): Promise<Versioned<BenefitRound> | undefined> {
    return this.store.get(roundId);
  }

  /** Progress of a running round (a hint for screens; the status moves by compare-and-set). */
  async recordProgress(roundId: string, progress: BenefitRound['progress']): Promise<void> {
    await this.collection.updateOne(
      { _id: roundId as never },
      {
        $max: {
          'progress.bucketsDone': progress.bucketsDone,
          'progress.scanned': progress.scanned,
          'progress.eligible': progress.eligible,
        },
      },
    );
  }

  /** Rounds, newest first (a scan: there are few). */
  async list(): Promise<BenefitRound[]> {
    const docs = await this.collection.find({}, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } }).toArray();
    return docs
      .map(({ _id, ...rest }) => ({ ...rest, roundId: String(_id) }) as BenefitRound)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
