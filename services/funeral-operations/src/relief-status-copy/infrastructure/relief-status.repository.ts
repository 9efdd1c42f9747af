import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { ReliefStatusCopy } from '../domain/relief-status';

/** `relief_status_copy`: one document per person key; read and written by key only. */
@Injectable()
export class ReliefStatusRepository implements OnModuleInit {
  static readonly COLLECTION = 'relief_status_copy';
  /** Every write of a person's copy (no events: the copy republishes nothing). */
  readonly store: AggregateStore<ReliefStatusCopy, 'personKey', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, ReliefStatusRepository.COLLECTION),
      idField: 'personKey',
      relay,
      events: noEvents,
      noun: 'relief status copy',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(personKey: string): Promise<Versioned<ReliefStatusCopy> | undefined> {
    return this.store.get(personKey);
  }
}
