import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { EquipmentFault, MaintenanceDay } from '../domain/maintenance';

const HIDDEN = { outbox: 0, outboxLease: 0, version: 0 } as const;

/** One document per home and Beijing day (`maintenance_days`, id `<homeId>:<day>`): the checks and the recorded misses. */
@Injectable()
export class MaintenanceDayRepository implements OnModuleInit {
  static readonly COLLECTION = 'maintenance_days';
  private readonly documents: VersionedDocuments<MaintenanceDay, 'dayId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, MaintenanceDayRepository.COLLECTION), 'dayId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(dayId: string): Promise<Versioned<MaintenanceDay> | undefined> {
    return this.documents.get(dayId);
  }

  insert(doc: MaintenanceDay, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(doc, events);
  }

  save(version: number, next: MaintenanceDay, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }
}

/** Faults of vehicles and cremators (`equipment_faults`, id = fault id), each with its events. */
@Injectable()
export class EquipmentFaultRepository implements OnModuleInit {
  static readonly COLLECTION = 'equipment_faults';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<EquipmentFault, 'faultId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf(connection, EquipmentFaultRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'faultId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(faultId: string): Promise<Versioned<EquipmentFault> | undefined> {
    return this.documents.get(faultId);
  }

  insert(fault: EquipmentFault, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(fault, events);
  }

  save(version: number, next: EquipmentFault, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  /** A home's open faults (a scan, for the maintenance view). */
  async openAt(homeId: string): Promise<EquipmentFault[]> {
    const docs = await this.collection.find({ homeId, status: 'open' }, { projection: HIDDEN }).sort({ reportedAt: 1 }).toArray();
    return docs.map(({ _id, ...rest }) => ({ faultId: String(_id), ...rest }) as EquipmentFault);
  }
}
