import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { DisinfectionDay } from '../domain/disinfection';
import { DisinfectionDayChange, disinfectionDayEvents } from '../application/disinfection-day-events';

/** One document per home and Beijing day (`disinfection_days`, id `<homeId>:<day>`): rounds and recorded misses. */
@Injectable()
export class DisinfectionDayRepository implements OnModuleInit {
  static readonly COLLECTION = 'disinfection_days';
  /** Every write of a home's day. */
  readonly store: AggregateStore<DisinfectionDay, 'dayId', DisinfectionDayChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, DisinfectionDayRepository.COLLECTION),
      idField: 'dayId',
      relay,
      events: disinfectionDayEvents,
      noun: 'disinfection log',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(dayId: string): Promise<Versioned<DisinfectionDay> | undefined> {
    return this.store.get(dayId);
  }
}
