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

  /**
   * Claims a watch for opening its case: a watching one past its limit, or one whose claimer
   * stopped before finishing (its lease ran out). False if another sweep holds it.
   */
  async claim(faultId: string, now: Date, leaseMs: number): Promise<boolean> {
    const r = await this.collection.updateOne(
      {
        _id: faultId,
        $or: [
          { status: 'watching', dueAt: { $lt: now } },
          { status: 'opening', claimedUntil: { $lt: now } },
        ],
      } as never,
      { $set: { status: 'opening', claimedUntil: new Date(now.getTime() + leaseMs) } },
    );
    return r.modifiedCount === 1;
  }

  /** Repaired in time: the watch ends without a case. False if a sweep had claimed it. */
  async repairedInTime(faultId: string): Promise<boolean> {
    const r = await this.collection.updateOne({ _id: faultId, status: 'watching' }, { $set: { status: 'repaired' } });
    return r.modifiedCount === 1;
  }

  /** Leaves a repair for the sweep that is opening the case. False if the case is open already. */
  async noteRepair(faultId: string, repair: NonNullable<EquipmentFaultWatch['repair']>): Promise<boolean> {
    const r = await this.collection.updateOne({ _id: faultId, status: 'opening' }, { $set: { repair } });
    return r.modifiedCount === 1;
  }

  /** The case is open; false if a repair was noted meanwhile (the caller resolves with it). */
  async opened(faultId: string): Promise<boolean> {
    const r = await this.collection.updateOne({ _id: faultId, status: 'opening', repair: { $exists: false } } as never, {
      $set: { status: 'case-opened' },
      $unset: { claimedUntil: '' },
    });
    return r.modifiedCount === 1;
  }

  async settleRepaired(faultId: string): Promise<void> {
    await this.collection.updateOne({ _id: faultId }, { $set: { status: 'case-opened' }, $unset: { claimedUntil: '' } });
  }

  /** Watches past their limit, and claims whose lease ran out. */
  async dueBy(now: Date, limit: number): Promise<EquipmentFaultWatch[]> {
    const docs = await this.collection
      .find({
        $or: [
          { status: 'watching', dueAt: { $lt: now } },
          { status: 'opening', claimedUntil: { $lt: now } },
        ],
      } as never)
      .limit(limit)
      .toArray();
    return docs.map(toWatch);
  }
}

function toWatch(doc: WatchDoc): EquipmentFaultWatch {
  const { _id, ...rest } = doc;
  return { faultId: _id, ...rest };
}
