import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { EquipmentFaultWatch } from '../domain/equipment-fault-watch';

type WatchDoc = Omit<EquipmentFaultWatch, 'faultId'> & { _id: string };

/** What a scan leaves out: the store's fields beside the state. */
const HIDDEN = { version: 0, outbox: 0, outboxLease: 0, writes: 0 } as const;

/**
 * Watched faults (`equipment_fault_watches`, id = fault id): few at any time, so the sweep may
 * scan. Writes go through `store` (they publish nothing: the cases they lead to do); the rest are
 * reads.
 */
@Injectable()
export class EquipmentFaultWatchRepository implements OnModuleInit {
  private readonly collection: Collection<WatchDoc>;
  readonly store: AggregateStore<EquipmentFaultWatch, 'faultId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<WatchDoc>(connection, 'equipment_fault_watches');
    this.store = new AggregateStore({
      collection: collectionOf(connection, 'equipment_fault_watches'),
      idField: 'faultId',
      relay,
      events: noEvents,
      noun: 'equipment fault watch',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    // watches written before they were versioned: version 0, so the store's compare-and-set finds them
    await this.collection.updateMany({ version: { $exists: false } } as never, { $set: { version: 0 } } as never);
    await this.store.ensureIndexes();
  }

  async get(faultId: string): Promise<EquipmentFaultWatch | undefined> {
    return (await this.store.get(faultId))?.value;
  }

  /** Watches past their limit, and claims whose lease ran out. */
  async dueBy(now: Date, limit: number): Promise<EquipmentFaultWatch[]> {
    const docs = await this.collection
      .find(
        {
          $or: [
            { status: 'watching', dueAt: { $lt: now } },
            { status: 'opening', claimedUntil: { $lt: now } },
          ],
        } as never,
        { projection: HIDDEN },
      )
      .limit(limit)
      .toArray();
    return docs.map(toWatch);
  }
}

function toWatch(doc: WatchDoc): EquipmentFaultWatch {
  const { _id, ...rest } = doc;
  return { faultId: _id, ...rest };
}
