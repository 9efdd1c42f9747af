import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { OutboxEntry } from '@civil/messaging';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Institution } from '../domain/institution';

type InstitutionDoc = Omit<Institution, 'unitId'> & { _id: string; version: number; outbox: OutboxEntry[] };

/** The registry of units (`institutions`), with its own outbox. */
@Injectable()
export class InstitutionRepository implements OnModuleInit {
  static readonly COLLECTION = 'institutions';
  private readonly collection: Collection<InstitutionDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<InstitutionDoc>(connection, InstitutionRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  /** Inserts a new unit with its InstitutionRegistered event; false if the id is taken. */
  async insert(institution: Institution, events: OutboxEntry[]): Promise<boolean> {
    const { unitId, ...rest } = institution;
    try {
      await this.collection.insertOne({ _id: unitId, ...rest, version: 1, outbox: events });
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  async get(unitId: string): Promise<Institution | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: { outbox: 0 } });
    return doc ? toInstitution(doc) : undefined;
  }

  async list(jurisdiction: string, limit: number, skip: number): Promise<Institution[]> {
    const docs = await this.collection.find({ divisionAncestors: jurisdiction }, { projection: { outbox: 0 } }).sort({ _id: 1 }).skip(skip).limit(limit).toArray();
    return docs.map(toInstitution);
  }

  /** Active units, only the fields the deadline sweep needs. */
  async activeReportingUnits(): Promise<Pick<Institution, 'unitId' | 'unitType' | 'divisionCode' | 'divisionAncestors' | 'registeredAt'>[]> {
    const docs = await this.collection
      .find({ active: true }, { projection: { unitType: 1, divisionCode: 1, divisionAncestors: 1, registeredAt: 1 } })
      .toArray();
    return docs.map((d) => ({ unitId: d._id, unitType: d.unitType, divisionCode: d.divisionCode, divisionAncestors: d.divisionAncestors, registeredAt: d.registeredAt }));
  }

}

function toInstitution(doc: InstitutionDoc): Institution {
  const { _id, version: _v, outbox: _o, ...rest } = doc as InstitutionDoc & { outbox?: OutboxEntry[] };
  return { unitId: _id, ...rest } as Institution;
}
