import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
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
  private readonly documents: VersionedDocuments<CremationSchedule, 'scheduleId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, CremationScheduleRepository.COLLECTION), 'scheduleId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  /** The day's schedule, or an empty one at version 0 (not yet written). */
  async get(homeId: string, day: string): Promise<Versioned<CremationSchedule>> {
    return (
      (await this.documents.get(scheduleId(homeId, day))) ?? {
        value: { scheduleId: scheduleId(homeId, day), homeId, day, bookings: [] },
        version: 0,
      }
    );
  }

  /** Several days of a home, by key; missing days come back empty. */
  async days(homeId: string, days: readonly string[]): Promise<CremationSchedule[]> {
    const found = await this.documents.getMany(days.map((d) => scheduleId(homeId, d)));
    return days.map((d) => found.get(scheduleId(homeId, d)) ?? { scheduleId: scheduleId(homeId, d), homeId, day: d, bookings: [] });
  }

  /** Compare-and-set: false if someone wrote the day since `version` was read. */
  async save(version: number, next: CremationSchedule): Promise<boolean> {
    return version === 0 ? this.documents.insert(next, []) : this.documents.save(version, next, []);
  }
}
