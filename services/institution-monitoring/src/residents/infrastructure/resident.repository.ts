import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Resident } from '../domain/resident';
import { ResidentChange, residentEvents } from '../application/resident-events';

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
  /** Every write of a resident. */
  readonly store: AggregateStore<Resident, 'residentId', ResidentChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<ResidentDoc>(connection, ResidentRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: collectionOf(connection, ResidentRepository.COLLECTION),
      idField: 'residentId',
      relay,
      events: residentEvents,
      noun: 'resident',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ unitId: 1 });
  }

  async getVersioned(residentId: string): Promise<VersionedResident | undefined> {
    return this.store.get(residentId);
  }

  /** The residents of a unit, without their readings (a listing). */
  async ofUnit(unitId: string): Promise<Resident[]> {
    const docs = await this.collection
      .find({ unitId }, { projection: { outbox: 0, outboxLease: 0, writes: 0, readings: 0 } })
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
  const {
    _id,
    version: _v,
    outbox: _o,
    outboxLease: _l,
    writes: _w,
    ...rest
  } = doc as ResidentDoc & { outboxLease?: unknown; writes?: unknown };
  return { residentId: _id, ...rest } as Resident;
}
