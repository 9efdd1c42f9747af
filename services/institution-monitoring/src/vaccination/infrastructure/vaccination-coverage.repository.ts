import { Injectable, OnModuleInit } from '@nestjs/common';
import type { UnitType, VaccinationGroup } from '@civil/contracts';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { CoverageSource } from '../domain/coverage-sources';
import { RegisterCounts } from '../domain/eligibility';
import { CoverageTransition, GroupCounts, UnitCoverage } from '../domain/vaccination-coverage';
import { vaccinationEvents } from '../application/vaccination-events';

/** A unit's latest vaccination record. */
export interface UnitVaccination {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  coverage: UnitCoverage;
  /** The figures the unit last typed in (PUT), kept beside those derived from its records (absent on older records). */
  reported?: Record<VaccinationGroup, GroupCounts>;
  /** Where each group's coverage came from (absent on older records: reported). */
  sources?: Record<VaccinationGroup, CoverageSource>;
  /** Of the residents on the register: how many were left out and why, and how many of the eligible have no birth date. */
  register?: Pick<RegisterCounts, 'ageUnknown' | 'underAge' | 'contraindicated'> | null;
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
  /** Every write of a unit's record. */
  readonly store: AggregateStore<UnitVaccination, 'unitId', CoverageTransition>;
  private readonly collection: Collection<{ _id: string }>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, VaccinationCoverageRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: collectionOf(connection, VaccinationCoverageRepository.COLLECTION),
      idField: 'unitId',
      relay,
      events: vaccinationEvents,
      noun: 'vaccination record of unit',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  async get(unitId: string): Promise<Versioned<UnitVaccination> | undefined> {
    return this.store.get(unitId);
  }

  /** Units whose coverage comes from their records and was last written before `since`: a page of ids at a time. */
  async *derivedWrittenBefore(since: Date, pageSize = 1_000): AsyncGenerator<string[]> {
    const cursor = this.collection
      .find({ $or: [{ 'sources.residents': 'register' }, { 'sources.staff': 'staff-roll' }], updatedAt: { $lt: since } } as never, {
        projection: { _id: 1 },
      })
      .batchSize(pageSize);
    let page: string[] = [];
    try {
      for await (const d of cursor) {
        page.push(d._id);
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    } finally {
      await cursor.close();
    }
  }

  /** The records of some units, by key. */
  async ofUnits(unitIds: readonly string[]): Promise<Map<string, UnitVaccination>> {
    return new Map([...(await this.store.getMany(unitIds))].map(([id, v]) => [id, v.value]));
  }
}
