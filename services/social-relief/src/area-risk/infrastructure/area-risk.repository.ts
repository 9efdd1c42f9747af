import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { AreaRiskChange, areaRiskEvents } from '../application/area-risk-events';
import { AreaRisk } from '../domain/area-risk';

/** Risk levels per division (`area_risk_levels`), with history and an outbox. Writes go through `store`. */
@Injectable()
export class AreaRiskRepository implements OnModuleInit {
  static readonly COLLECTION = 'area_risk_levels';
  private readonly collection: Collection<Document>;
  /** Every write of an area's level. */
  readonly store: AggregateStore<AreaRisk, 'divisionCode', AreaRiskChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, AreaRiskRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'divisionCode',
      relay,
      events: areaRiskEvents,
      noun: 'the risk level of',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(divisionCode: string): Promise<Versioned<AreaRisk> | undefined> {
    return this.store.get(divisionCode);
  }

  async all(): Promise<AreaRisk[]> {
    const docs = await this.collection.find({}, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } }).toArray();
    return docs.map(({ _id, ...rest }) => ({ divisionCode: String(_id), ...rest }) as AreaRisk);
  }
}
