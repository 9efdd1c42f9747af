import { Injectable, OnModuleInit } from '@nestjs/common';
import type { SupplyItem, UnitType } from '@civil/contracts';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { ItemStock } from '../domain/supply-stock';
import { SupplyChange, supplyEvents } from '../application/supply-events';

/** A unit's supplies: every item it has counted, in one document. */
export interface UnitSupplies {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  items: Partial<Record<SupplyItem, ItemStock>>;
  lastUpdatedAt: Date;
}

export type { Versioned };

/**
 * `supply_stocks`: one document per unit, written by key with compare-and-set on its version;
 * shortage events go into the document's outbox in the same update.
 */
@Injectable()
export class SupplyStockRepository implements OnModuleInit {
  static readonly COLLECTION = 'supply_stocks';
  /** Every write of a unit's record. */
  readonly store: AggregateStore<UnitSupplies, 'unitId', SupplyChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, SupplyStockRepository.COLLECTION),
      idField: 'unitId',
      relay,
      events: supplyEvents,
      noun: 'supplies of unit',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  async get(unitId: string): Promise<Versioned<UnitSupplies> | undefined> {
    return this.store.get(unitId);
  }

  /** The records of some units, by key. */
  async ofUnits(unitIds: readonly string[]): Promise<Map<string, UnitSupplies>> {
    return new Map([...(await this.store.getMany(unitIds))].map(([id, v]) => [id, v.value]));
  }
}
