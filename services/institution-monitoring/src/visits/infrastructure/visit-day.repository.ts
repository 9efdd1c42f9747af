import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Visit, VisitDay } from '../domain/visit';

interface VisitDayDoc {
  /** `<unitId>:<date>` */
  _id: string;
  unitId: string;
  date: string;
  divisionCode: string;
  divisionAncestors: string[];
  visits: Visit[];
  version: number;
}

export interface VersionedDay {
  day: VisitDay;
  /** 0 when the day has no document yet. */
  version: number;
}

/** A resident's booking turn (`visit_resident_turns`): a counter every booking for the resident moves on. */
interface ResidentTurnDoc {
  /** `<unitId>:<residentId>` */
  _id: string;
  version: number;
}

export function visitDayId(unitId: string, date: string): string {
  return `${unitId}:${date}`;
}

/**
 * One document per unit and Beijing day (`visit_days`), holding that day's visits. Every change
 * is a compare-and-set on `{_id, version}`, so the slot and daily caps are checked against exactly
 * what the write replaces: two bookings racing for the last place cannot both land.
 */
@Injectable()
export class VisitDayRepository implements OnModuleInit {
  static readonly COLLECTION = 'visit_days';
  static readonly TURNS = 'visit_resident_turns';
  private readonly collection: Collection<VisitDayDoc>;
  private readonly turns: Collection<ResidentTurnDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<VisitDayDoc>(connection, VisitDayRepository.COLLECTION);
    this.turns = collectionOf<ResidentTurnDoc>(connection, VisitDayRepository.TURNS);
  }

  async onModuleInit(): Promise<void> {
    // the compare-and-set filter, as its own trivially unique index (a key lookup)
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
    await this.turns.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  /** The resident's booking turn now (0: never booked); read before the days a booking checks. */
  async residentTurn(unitId: string, residentId: string): Promise<number> {
    return (await this.turns.findOne({ _id: `${unitId}:${residentId}` }))?.version ?? 0;
  }

  /**
   * Moves the resident's turn on from `turn`; false if another booking for the resident moved it
   * since (that booking's visit was written before, and may have been unseen by this one's check).
   */
  async takeTurn(unitId: string, residentId: string, turn: number): Promise<boolean> {
    const _id = `${unitId}:${residentId}`;
    if (turn === 0) {
      try {
        await this.turns.insertOne({ _id, version: 1 });
        return true;
      } catch (e) {
        if (isDuplicateKeyError(e)) return false;
        throw e;
      }
    }
    return (await this.turns.updateOne({ _id, version: turn }, { $set: { version: turn + 1 } })).modifiedCount === 1;
  }

  async get(unitId: string, date: string): Promise<VersionedDay> {
    const doc = await this.collection.findOne({ _id: visitDayId(unitId, date) });
    return doc ? { day: toDay(doc), version: doc.version } : { day: { unitId, date, visits: [] }, version: 0 };
  }

  /** The unit's days among `dates` that have visits, by key. */
  async days(unitId: string, dates: readonly string[]): Promise<VisitDay[]> {
    const docs = await this.collection.find({ _id: { $in: dates.map((d) => visitDayId(unitId, d)) } }).toArray();
    return docs.map(toDay);
  }

  /**
   * Writes the day's visits if nobody wrote since `current` was read; false if someone did (or,
   * for a first write, created the day meanwhile).
   */
  async save(current: VersionedDay, visits: Visit[], unit: { divisionCode: string; divisionAncestors: string[] }): Promise<boolean> {
    const { unitId, date } = current.day;
    const _id = visitDayId(unitId, date);
    if (current.version === 0) {
      try {
        await this.collection.insertOne({
          _id,
          unitId,
          date,
          divisionCode: unit.divisionCode,
          divisionAncestors: unit.divisionAncestors,
          visits,
          version: 1,
        });
        return true;
      } catch (e) {
        if (isDuplicateKeyError(e)) return false;
        throw e;
      }
    }
    const r = await this.collection.updateOne({ _id, version: current.version }, { $set: { visits, version: current.version + 1 } });
    return r.modifiedCount === 1;
  }

  /** Takes a visit out of its day at once (a booking withdrawn after losing a race); bumps the version. */
  async withdraw(unitId: string, date: string, visitId: string): Promise<void> {
    await this.collection.updateOne({ _id: visitDayId(unitId, date) }, { $pull: { visits: { visitId } }, $inc: { version: 1 } });
  }
}

function toDay(doc: VisitDayDoc): VisitDay {
  return { unitId: doc.unitId, date: doc.date, visits: doc.visits ?? [] };
}
