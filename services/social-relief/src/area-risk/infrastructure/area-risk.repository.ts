import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { AreaRisk } from '../domain/area-risk';

/** Risk levels per division (`area_risk_levels`), with history and an outbox. */
@Injectable()
export class AreaRiskRepository implements OnModuleInit {
  static readonly COLLECTION = 'area_risk_levels';
  private readonly documents: VersionedDocuments<AreaRisk, 'divisionCode'>;
  private readonly connection: Connection;

  constructor(@InjectDatabase() connection: Connection) {
    this.connection = connection;
    this.documents = new VersionedDocuments(collectionOf(connection, AreaRiskRepository.COLLECTION), 'divisionCode');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(divisionCode: string): Promise<Versioned<AreaRisk> | undefined> {
    return this.documents.get(divisionCode);
  }

  insert(area: AreaRisk, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(area, events);
  }

  save(version: number, next: AreaRisk, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  async all(): Promise<AreaRisk[]> {
    const docs = await collectionOf(this.connection, AreaRiskRepository.COLLECTION)
      .find({}, { projection: { outbox: 0, outboxLease: 0, version: 0 } })
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ divisionCode: String(_id), ...rest }) as AreaRisk);
  }
}
