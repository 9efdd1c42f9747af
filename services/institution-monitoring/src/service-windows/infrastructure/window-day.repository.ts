import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { WindowDay, WindowDayChange, windowDayId } from '../domain/window-day';
import { windowDayEvents } from './window-day.integration-events';

/**
 * `service_window_days`: one document per window and Beijing day, holding its appointments and
 * its suspension. Every write is a compare-and-set on the day, so a slot's cap is checked against
 * exactly what the write replaces, and a suspension cancels exactly the appointments it finds.
 */
@Injectable()
export class WindowDayRepository implements OnModuleInit {
  static readonly COLLECTION = 'service_window_days';
  readonly store: AggregateStore<WindowDay, 'dayId', WindowDayChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, WindowDayRepository.COLLECTION),
      idField: 'dayId',
      relay,
      events: windowDayEvents,
      noun: 'service window day',
      // bookings race for the last places of a slot: each lost race is another booking landing
      attempts: 100,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  async get(unitId: string, date: string): Promise<WindowDay | undefined> {
    return (await this.store.get(windowDayId(unitId, date)))?.value;
  }
}
