import { Injectable, OnModuleInit } from '@nestjs/common';
import type { SupplyItem, UnitType } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, isDuplicateKeyError, pushToOutbox } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { ItemStock } from '../domain/supply-stock';

/** A unit's supplies: every item it has counted, in one document. */
export interface UnitSupplies {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  items: Partial<Record<SupplyItem, ItemStock>>;
  lastUpdatedAt: Date;
}

type SupplyStockDoc = Omit<UnitSupplies, 'unitId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export interface Versioned<T> {
  value: T;
  version: number;
}

const HIDDEN = { outbox: 0, outboxLease: 0 } as const;

/**
 * `supply_stocks`: one document per unit, written by key with compare-and-set on its version;
 * shortage events go into the document's outbox in the same update.
 */
@Injectable()
export class SupplyStockRepository implements OnModuleInit {
  static readonly COLLECTION = 'supply_stocks';
  private readonly collection: Collection<SupplyStockDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<SupplyStockDoc>(connection, SupplyStockRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // the compare-and-set filter of save(), as its own trivially unique index (a key lookup)
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  async get(unitId: string): Promise<Versioned<UnitSupplies> | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: HIDDEN });
    return doc ? { value: toSupplies(doc), version: doc.version } : undefined;
  }

  /** The first write for a unit; false if another writer created it first. */
  async insert(supplies: UnitSupplies, events: OutboxEntry[]): Promise<boolean> {
    const { unitId, ...rest } = supplies;
    try {
      await this.collection.insertOne({ _id: unitId, ...rest, version: 1, outbox: events });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Writes the next state if nobody wrote since `version` was read; false if someone did. */
  async save(version: number, next: UnitSupplies, events: OutboxEntry[]): Promise<boolean> {
    const { unitId, ...fields } = next;
    const update = events.length ? { $set: { ...fields, version: version + 1 }, ...pushToOutbox(events) } : { $set: { ...fields, version: version + 1 } };
    const r = await this.collection.updateOne({ _id: unitId, version }, update);
    return r.modifiedCount === 1;
  }

  /** The supplies of some units, by key. */
  async ofUnits(unitIds: readonly string[]): Promise<Map<string, UnitSupplies>> {
    const found = new Map<string, UnitSupplies>();
    for (let i = 0; i < unitIds.length; i += 1_000) {
      const docs = await this.collection.find({ _id: { $in: unitIds.slice(i, i + 1_000) } }, { projection: HIDDEN }).toArray();
      docs.forEach((d) => found.set(d._id, toSupplies(d)));
    }
    return found;
  }
}

function toSupplies(doc: SupplyStockDoc): UnitSupplies {
  const { _id, version: _v, outbox: _o, ...rest } = doc;
  delete (rest as { outboxLease?: unknown }).outboxLease;
  return { unitId: _id, ...rest };
}
