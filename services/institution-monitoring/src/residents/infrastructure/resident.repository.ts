import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Resident } from '../domain/resident';

type ResidentDoc = Omit<Resident, 'residentId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export type VersionedResident = Versioned<Resident>;

/**
 * One document per resident (`residents`), with leave, readings, symptom cases and its outbox
 * embedded; the name and ID number are stored only encrypted. Writes are compare-and-set by
 * `{_id, version}`.
 */
@Injectable()
export class ResidentRepository implements OnModuleInit {
  static readonly COLLECTION = 'residents';
  private readonly collection: Collection<ResidentDoc>;
  private readonly documents: VersionedDocuments<Resident, 'residentId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<ResidentDoc>(connection, ResidentRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection as never, 'residentId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
    await this.collection.createIndex({ unitId: 1 });
  }

  async insert(resident: Resident, events: OutboxEntry[]): Promise<void> {
    if (!(await this.documents.insert(resident, events))) throw new Error(`resident id ${resident.residentId} is taken`);
  }

  async getVersioned(residentId: string): Promise<VersionedResident | undefined> {
    return this.documents.get(residentId);
  }

  /** Writes the next state and its events if nobody wrote since it was read; false if someone did. */
  async save(current: VersionedResident, next: Resident, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(current.version, next, events);
  }

  /** The residents of a unit, without their readings (a listing). */
  async ofUnit(unitId: string): Promise<Resident[]> {
    const docs = await this.collection
      .find({ unitId }, { projection: { outbox: 0, readings: 0 } })
      .sort({ admittedAt: 1 })
      .toArray();
    return docs.map((d) => toResident({ ...d, readings: [] }));
  }

  /** Symptom cases of a unit's residents opened at or after `since` (rare: a scan of the unit). */
  async symptomCasesSince(unitId: string, since: Date): Promise<number> {
    const docs = await this.collection.find({ unitId }, { projection: { symptomCases: 1 } }).toArray();
    return docs.reduce((n, d) => n + (d.symptomCases ?? []).filter((c) => new Date(c.isolatedAt).getTime() >= since.getTime()).length, 0);
  }
}

function toResident(doc: ResidentDoc): Resident {
  const { _id, version: _v, outbox: _o, outboxLease: _l, ...rest } = doc as ResidentDoc & { outboxLease?: unknown };
  return { residentId: _id, ...rest } as Resident;
}
