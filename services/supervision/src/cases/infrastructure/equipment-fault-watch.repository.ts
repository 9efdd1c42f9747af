import { Injectable } from '@nestjs/common';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { EquipmentFaultWatch } from '../domain/equipment-fault-watch';

type WatchDoc = Omit<EquipmentFaultWatch, 'faultId'> & { _id: string };

/** Watched faults (`equipment_fault_watches`, id = fault id): few at any time, so the sweep may scan. */
@Injectable()
export class EquipmentFaultWatchRepository {
  private readonly collection: Collection<WatchDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<WatchDoc>(connection, 'equipment_fault_watches');
  }

  /** Starts watching; a redelivered report changes nothing. */
  async watch(w: EquipmentFaultWatch): Promise<void> {
    const { faultId, ...rest } = w;
    await this.collection.updateOne({ _id: faultId }, { $setOnInsert: rest }, { upsert: true });
  }

  async get(faultId: string): Promise<EquipmentFaultWatch | undefined> {
    const doc = await this.collection.findOne({ _id: faultId });
    return doc ? toWatch(doc) : undefined;
  }

  /** Moves a watch from one status to the next; false if it was not in `from` (someone moved it first). */
  async move(faultId: string, from: EquipmentFaultWatch['status'], to: EquipmentFaultWatch['status']): Promise<boolean> {
    const r = await this.collection.updateOne({ _id: faultId, status: from }, { $set: { status: to } });
    return r.modifiedCount === 1;
  }

  /** Watches past their limit, and claims a crashed sweep left half done. */
  async dueBy(now: Date, limit: number): Promise<EquipmentFaultWatch[]> {
    const docs = await this.collection
      .find({ $or: [{ status: 'watching', dueAt: { $lt: now } }, { status: 'opening' }] })
      .limit(limit)
      .toArray();
    return docs.map(toWatch);
  }
}

function toWatch(doc: WatchDoc): EquipmentFaultWatch {
  const { _id, ...rest } = doc;
  return { faultId: _id, ...rest };
}
