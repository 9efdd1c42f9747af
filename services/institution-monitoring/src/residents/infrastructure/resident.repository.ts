import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, pushToOutbox } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Resident } from '../domain/resident';

type ResidentDoc = Omit<Resident, 'residentId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export interface VersionedResident {
  value: Resident;
  version: number;
}

/**
 * One document per resident (`residents`), with leave, readings, symptom cases and its outbox
 * embedded; the name and ID number are stored only encrypted. Writes are compare-and-set by
 * `{_id, version}`.
 */
@Injectable()
export class ResidentRepository implements OnModuleInit {
  static readonly COLLECTION = 'residents';
  private readonly collection: Collection<ResidentDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<ResidentDoc>(connection, ResidentRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
    await this.collection.createIndex({ unitId: 1 });
  }

  async insert(resident: Resident, events: OutboxEntry[]): Promise<void> {
    const { residentId, ...rest } = resident;
    await this.collection.insertOne({ _id: residentId, ...rest, version: 1, outbox: events });
  }

  async getVersioned(residentId: string): Promise<VersionedResident | undefined> {
    const doc = await this.collection.findOne({ _id: residentId }, { projection: { outbox: 0 } });
    return doc ? { value: toResident(doc), version: doc.version } : undefined;
  }

  /** Writes the next state and its events if nobody wrote since it was read; false if someone did. */
  async save(current: VersionedResident, next: Resident, events: OutboxEntry[]): Promise<boolean> {
    const { residentId, ...fields } = next;
    const update: Record<string, unknown> = { $set: { ...fields, version: current.version + 1 } };
    if (events.length) Object.assign(update, pushToOutbox(events));
    const r = await this.collection.updateOne({ _id: residentId, version: current.version }, update);
    return r.modifiedCount === 1;
  }

  /** The residents of a unit, without their readings (a listing). */
  async ofUnit(unitId: string): Promise<Resident[]> {
    const docs = await this.collection.find({ unitId }, { projection: { outbox: 0, readings: 0 } }).sort({ admittedAt: 1 }).toArray();
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
