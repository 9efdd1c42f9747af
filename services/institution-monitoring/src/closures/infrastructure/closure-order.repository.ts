import { Injectable } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

/** A region-wide closure order: every unit of the named types in the division closes at once. */
export interface ClosureOrder {
  orderId: string;
  divisionCode: string;
  divisionAncestors: string[];
  unitTypes: UnitType[];
  reason: string;
  issuedBy: string;
  issuedAt: Date;
  status: 'in-force' | 'lifted';
  /** Units this order closed. */
  closedUnitIds: string[];
  /** Units of the named types already closed by another order when this one was applied. */
  alreadyClosedUnitIds: string[];
  liftedAt?: Date;
  liftedBy?: string;
}

type OrderDoc = Omit<ClosureOrder, 'orderId'> & { _id: string };

@Injectable()
export class ClosureOrderRepository {
  private readonly collection: Collection<OrderDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<OrderDoc>(connection, 'closure_orders');
  }

  /** false if an order with this id exists already. */
  async insert(order: ClosureOrder): Promise<boolean> {
    const { orderId, ...rest } = order;
    try {
      await this.collection.insertOne({ _id: orderId, ...rest });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  async get(orderId: string): Promise<ClosureOrder | undefined> {
    const doc = await this.collection.findOne({ _id: orderId });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { orderId: _id, ...rest };
  }

  async recordApplied(orderId: string, closedUnitIds: string[], alreadyClosedUnitIds: string[]): Promise<void> {
    await this.collection.updateOne({ _id: orderId }, { $set: { closedUnitIds, alreadyClosedUnitIds } });
  }

  async markLifted(orderId: string, by: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: orderId }, { $set: { status: 'lifted', liftedBy: by, liftedAt: at } });
  }

  async list(jurisdiction: string): Promise<ClosureOrder[]> {
    const docs = await this.collection.find({ divisionAncestors: jurisdiction }).sort({ issuedAt: -1 }).limit(500).toArray();
    return docs.map(({ _id, ...rest }) => ({ orderId: _id, ...rest }));
  }
}
