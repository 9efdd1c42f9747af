import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { FuneralHome } from '../domain/funeral-home';

/** Funeral homes (`funeral_homes`), each with its equipment, extension orders and staff. */
@Injectable()
export class FuneralHomeRepository implements OnModuleInit {
  static readonly COLLECTION = 'funeral_homes';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<FuneralHome, 'homeId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf(connection, FuneralHomeRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'homeId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  insert(home: FuneralHome): Promise<boolean> {
    return this.documents.insert(home, []);
  }

  get(homeId: string): Promise<Versioned<FuneralHome> | undefined> {
    return this.documents.get(homeId);
  }

  save(version: number, next: FuneralHome, events: OutboxEntry[] = []): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  /** Homes inside a division (a scan; there are few homes). */
  async inRegion(divisionCode: string): Promise<FuneralHome[]> {
    const docs = await this.collection
      .find({ divisionAncestors: divisionCode }, { projection: { outbox: 0, outboxLease: 0, version: 0 } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ homeId: String(_id), ...rest }) as FuneralHome);
  }

  async all(): Promise<FuneralHome[]> {
    const docs = await this.collection.find({}, { projection: { outbox: 0, outboxLease: 0, version: 0 } }).toArray();
    return docs.map(({ _id, ...rest }) => ({ homeId: String(_id), ...rest }) as FuneralHome);
  }
}
