import { Injectable, OnModuleInit } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
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

export type { Versioned };

/**
 * `vaccination_coverage`: one document per unit, written by key with compare-and-set on its
 * version; episode events go into the document's outbox in the same update.
 */
@Injectable()
export class VaccinationCoverageRepository implements OnModuleInit {
  static readonly COLLECTION = 'vaccination_coverage';
  private readonly documents: VersionedDocuments<UnitVaccination, 'unitId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, VaccinationCoverageRepository.COLLECTION), 'unitId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  async get(unitId: string): Promise<Versioned<UnitVaccination> | undefined> {
    return this.documents.get(unitId);
  }

  /** The first write for a unit; false if another writer created it first. */
  async insert(value: UnitVaccination, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(value, events);
  }

  /** Writes the next state if nobody wrote since `version` was read; false if someone did. */
  async save(version: number, next: UnitVaccination, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  /** The records of some units, by key. */
  async ofUnits(unitIds: readonly string[]): Promise<Map<string, UnitVaccination>> {
    return this.documents.getMany(unitIds);
  }
}
