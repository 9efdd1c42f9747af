import { Injectable, OnModuleInit } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, isDuplicateKeyError, pushToOutbox } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { UnitCoverage } from '../domain/vaccination-coverage';

/** A unit's latest vaccination record. */
export interface UnitVaccination {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  coverage: UnitCoverage;
  updatedAt: Date;
  updatedBy: string;
}

type VaccinationDoc = Omit<UnitVaccination, 'unitId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export interface Versioned<T> {
  value: T;
  version: number;
}

const HIDDEN = { outbox: 0, outboxLease: 0 } as const;

/**
 * `vaccination_coverage`: one document per unit, written by key with compare-and-set on its
 * version; episode events go into the document's outbox in the same update.
 */
@Injectable()
export class VaccinationCoverageRepository implements OnModuleInit {
  static readonly COLLECTION = 'vaccination_coverage';
  private readonly collection: Collection<VaccinationDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<VaccinationDoc>(connection, VaccinationCoverageRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // the compare-and-set filter of save(), as its own trivially unique index (a key lookup)
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  async get(unitId: string): Promise<Versioned<UnitVaccination> | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: HIDDEN });
    return doc ? { value: toVaccination(doc), version: doc.version } : undefined;
  }

  /** The first record of a unit; false if another writer created it first. */
  async insert(record: UnitVaccination, events: OutboxEntry[]): Promise<boolean> {
    const { unitId, ...rest } = record;
    try {
      await this.collection.insertOne({ _id: unitId, ...rest, version: 1, outbox: events });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Writes the next record if nobody wrote since `version` was read; false if someone did. */
  async save(version: number, next: UnitVaccination, events: OutboxEntry[]): Promise<boolean> {
    const { unitId, ...fields } = next;
    const update = events.length ? { $set: { ...fields, version: version + 1 }, ...pushToOutbox(events) } : { $set: { ...fields, version: version + 1 } };
    const r = await this.collection.updateOne({ _id: unitId, version }, update);
    return r.modifiedCount === 1;
  }

  /** The records of some units, by key. */
  async ofUnits(unitIds: readonly string[]): Promise<Map<string, UnitVaccination>> {
    const found = new Map<string, UnitVaccination>();
    for (let i = 0; i < unitIds.length; i += 1_000) {
      const docs = await this.collection.find({ _id: { $in: unitIds.slice(i, i + 1_000) } }, { projection: HIDDEN }).toArray();
      docs.forEach((d) => found.set(d._id, toVaccination(d)));
    }
    return found;
  }
}

function toVaccination(doc: VaccinationDoc): UnitVaccination {
  const { _id, version: _v, outbox: _o, ...rest } = doc;
  delete (rest as { outboxLease?: unknown }).outboxLease;
  return { unitId: _id, ...rest };
}
