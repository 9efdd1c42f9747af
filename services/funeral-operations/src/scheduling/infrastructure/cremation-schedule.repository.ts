import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { Booking } from '../domain/placement';

/** One home's cremations on one Beijing day: the unit of compare-and-set for placement. */
export interface CremationSchedule {
  scheduleId: string;
  homeId: string;
  day: string;
  bookings: Booking[];
}

export const scheduleId = (homeId: string, day: string) => `${homeId}:${day}`;

/**
 * `cremation_schedules`: one document per home and day, written only by compare-and-set on its
 * version, so two placements racing for the same cremator slot cannot both win.
 */
@Injectable()
export class CremationScheduleRepository implements OnModuleInit {
  static readonly COLLECTION = 'cremation_schedules';
  /**
   * Every write of a day's schedule (no events). Placements race for the same day in bursts, so
   * a lost race is decided again more often than elsewhere before the caller hears 409.
   */
  readonly store: AggregateStore<CremationSchedule, 'scheduleId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, CremationScheduleRepository.COLLECTION),
      idField: 'scheduleId',
      relay,
      events: noEvents,
      noun: 'cremation schedule',
      attempts: 16,
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  /** An empty day (not yet written). */
  static empty(homeId: string, day: string): CremationSchedule {
    return { scheduleId: scheduleId(homeId, day), homeId, day, bookings: [] };
  }

  /** The day's schedule, or an empty one at version 0 (not yet written). */
  async get(homeId: string, day: string): Promise<Versioned<CremationSchedule>> {
    return (
      (await this.store.get(scheduleId(homeId, day))) ?? {
        value: CremationScheduleRepository.empty(homeId, day),
        version: 0,
      }
    );
  }

  /** Several days of a home, by key; missing days come back empty. */
  async days(homeId: string, days: readonly string[]): Promise<CremationSchedule[]> {
    const found = await this.store.getMany(days.map((d) => scheduleId(homeId, d)));
    return days.map((d) => found.get(scheduleId(homeId, d))?.value ?? CremationScheduleRepository.empty(homeId, d));
  }
}
