import { Injectable, OnModuleInit } from '@nestjs/common';
import type { SupplyItem, UnitType } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
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

export type { Versioned };

/**
 * `supply_stocks`: one document per unit, written by key with compare-and-set on its version;
 * shortage events go into the document's outbox in the same update.
 */
@Injectable()
export class SupplyStockRepository implements OnModuleInit {
  static readonly COLLECTION = 'supply_stocks';
  private readonly documents: VersionedDocuments<UnitSupplies, 'unitId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, SupplyStockRepository.COLLECTION), 'unitId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  async get(unitId: string): Promise<Versioned<UnitSupplies> | undefined> {
    return this.documents.get(unitId);
  }

  /** The first write for a unit; false if another writer created it first. */
  async insert(value: UnitSupplies, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(value, events);
  }

  /** Writes the next state if nobody wrote since `version` was read; false if someone did. */
  async save(version: number, next: UnitSupplies, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  /** The records of some units, by key. */
  async ofUnits(unitIds: readonly string[]): Promise<Map<string, UnitSupplies>> {
    return this.documents.getMany(unitIds);
  }
}
