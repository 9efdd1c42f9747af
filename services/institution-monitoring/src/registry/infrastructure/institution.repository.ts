import { Injectable, OnModuleInit } from '@nestjs/common';
import { AggregateStore, collectionOf, InjectDatabase } from '@civil/persistence';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import type { UnitType } from '@civil/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Institution } from '../domain/institution';
import { SupervisionView } from '../domain/supervision-view';
import { InstitutionChange, institutionEvents } from '../application/institution-events';

/** One line of a unit's audit trail: who changed what, when, from what to what. */
export interface AuditEntry {
  at: Date;
  by: string;
  action: 'registered' | 'updated' | 'closed' | 'reopened';
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  orderId?: string;
}

type InstitutionDoc = Omit<Institution, 'unitId'> & {
  _id: string;
  version: number;
  outbox: OutboxEntry[];
  audit: AuditEntry[];
  supervision?: SupervisionView;
};

/** The part of a unit's document the supervision feed keeps (same version as the registry's). */
export interface UnitSupervision {
  unitId: string;
  supervision?: SupervisionView;
}

const HIDDEN = { outbox: 0, audit: 0, outboxLease: 0, writes: 0 } as const;

/**
 * The registry of units (`institutions`), with its outbox and each unit's audit trail. Writes go
 * through `store` (the registry's fields, the audit trail appended) and `supervisionStore` (the
 * supervision view the feed keeps); the rest are reads.
 */
@Injectable()
export class InstitutionRepository implements OnModuleInit {
  static readonly COLLECTION = 'institutions';
  private readonly collection: Collection<InstitutionDoc>;
  readonly store: AggregateStore<Institution, 'unitId', InstitutionChange>;
  readonly supervisionStore: AggregateStore<UnitSupervision, 'unitId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<InstitutionDoc>(connection, InstitutionRepository.COLLECTION);
    const collection = collectionOf(connection, InstitutionRepository.COLLECTION);
    // the supervision view belongs to the supervision feed; a registry write never touches it
    this.store = new AggregateStore({
      collection,
      idField: 'unitId',
      relay,
      events: institutionEvents,
      noun: 'unit',
      hidden: ['audit'],
      preserve: ['supervision'],
    });
    this.supervisionStore = new AggregateStore({
      collection,
      idField: 'unitId',
      relay,
      events: () => [],
      noun: 'unit',
      only: ['supervision'],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ divisionAncestors: 1 });
    // the compare-and-set filter of save(), as its own trivially unique index (a key lookup)
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  async get(unitId: string): Promise<Institution | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: HIDDEN });
    return doc ? toInstitution(doc) : undefined;
  }

  async auditTrail(unitId: string): Promise<AuditEntry[] | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: { audit: 1 } });
    return doc?.audit;
  }

  async list(
    jurisdiction: string,
    limit: number,
    skip: number,
    filter: { unitType?: UnitType; status?: string } = {},
  ): Promise<Institution[]> {
    const q: Record<string, unknown> = { divisionAncestors: jurisdiction };
    if (filter.unitType) q.unitType = filter.unitType;
    if (filter.status) q.status = filter.status;
    const docs = await this.collection.find(q, { projection: HIDDEN }).sort({ _id: 1 }).skip(skip).limit(limit).toArray();
    return docs.map(toInstitution);
  }

  /** Active units of the given types inside a division (for region-wide orders and rates). */
  async inRegion(divisionCode: string, unitTypes?: readonly UnitType[]): Promise<Institution[]> {
    const q: Record<string, unknown> = { divisionAncestors: divisionCode, active: true };
    if (unitTypes?.length) q.unitType = { $in: [...unitTypes] };
    const docs = await this.collection.find(q, { projection: HIDDEN }).sort({ _id: 1 }).toArray();
    return docs.map(toInstitution);
  }

  /**
   * Active units, only the fields the deadline sweep and the reporting rates need, a page at a
   * time from one cursor: a region of a hundred thousand units is never held in memory at once.
   * Optionally only those inside a division and of some types.
   */
  async *activeReportingUnits(
    pageSize = 1_000,
    region?: { divisionCode: string; unitTypes?: readonly UnitType[] },
  ): AsyncGenerator<Pick<Institution, 'unitId' | 'unitType' | 'divisionCode' | 'divisionAncestors' | 'registeredAt'>[]> {
    const q: Record<string, unknown> = { active: true };
    if (region) q.divisionAncestors = region.divisionCode;
    if (region?.unitTypes?.length) q.unitType = { $in: [...region.unitTypes] };
    const cursor = this.collection
      .find(q, { projection: { unitType: 1, divisionCode: 1, divisionAncestors: 1, registeredAt: 1 } })
      .batchSize(pageSize);
    let page: Pick<Institution, 'unitId' | 'unitType' | 'divisionCode' | 'divisionAncestors' | 'registeredAt'>[] = [];
    try {
      for await (const d of cursor) {
        page.push({
          unitId: d._id,
          unitType: d.unitType,
          divisionCode: d.divisionCode,
          divisionAncestors: d.divisionAncestors,
          registeredAt: d.registeredAt,
        });
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
}

export function emptySupervisionView(): SupervisionView {
  return { openIssueIds: [], underRectification: false, escalations: [], appliedEvents: [] };
}

function toInstitution(doc: InstitutionDoc): Institution & { supervision: Omit<SupervisionView, 'appliedEvents'> } {
  const { _id, version: _v, outbox: _o, audit: _a, writes: _w, outboxLease: _l, ...rest } = doc as InstitutionDoc & Record<string, unknown>;
  return presented({ unitId: _id, ...rest } as Institution);
}

/** A unit as it is shown: its supervision view without the ids of the events applied to it. */
export function presented(
  unit: Institution & { supervision?: SupervisionView },
): Institution & { supervision: Omit<SupervisionView, 'appliedEvents'> } {
  const { appliedEvents: _e, ...shown } = unit.supervision ?? emptySupervisionView();
  return { ...unit, supervision: shown };
}
