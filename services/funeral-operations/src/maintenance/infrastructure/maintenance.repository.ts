import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { EquipmentFault, MaintenanceDay } from '../domain/maintenance';
import { EquipmentFaultChange, equipmentFaultEvents, MaintenanceDayChange, maintenanceDayEvents } from '../application/maintenance-events';

const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/** One document per home and Beijing day (`maintenance_days`, id `<homeId>:<day>`): the checks and the recorded misses. */
@Injectable()
export class MaintenanceDayRepository implements OnModuleInit {
  static readonly COLLECTION = 'maintenance_days';
  /** Every write of a home's day. */
  readonly store: AggregateStore<MaintenanceDay, 'dayId', MaintenanceDayChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, MaintenanceDayRepository.COLLECTION),
      idField: 'dayId',
      relay,
      events: maintenanceDayEvents,
      noun: 'maintenance day',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(dayId: string): Promise<Versioned<MaintenanceDay> | undefined> {
    return this.store.get(dayId);
  }
}

/** Faults of vehicles and cremators (`equipment_faults`, id = fault id), each with its events. */
@Injectable()
export class EquipmentFaultRepository implements OnModuleInit {
  static readonly COLLECTION = 'equipment_faults';
  private readonly collection: Collection<Document>;
  /** Every write of a fault. */
  readonly store: AggregateStore<EquipmentFault, 'faultId', EquipmentFaultChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, EquipmentFaultRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'faultId',
      relay,
      events: equipmentFaultEvents,
      noun: 'fault',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(faultId: string): Promise<Versioned<EquipmentFault> | undefined> {
    return this.store.get(faultId);
  }

  /** A home's open faults (a scan, for the maintenance view). */
  async openAt(homeId: string): Promise<EquipmentFault[]> {
    const docs = await this.collection.find({ homeId, status: 'open' }, { projection: HIDDEN }).sort({ reportedAt: 1 }).toArray();
    return docs.map(({ _id, ...rest }) => ({ faultId: String(_id), ...rest }) as EquipmentFault);
  }
}
