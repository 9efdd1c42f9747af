import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError, pushToOutbox } from '@civil/persistence';
import type { OutboxEntry } from '@civil/messaging';
import type { UnitType } from '@civil/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Institution } from '../domain/institution';
import { SupervisionView } from '../domain/supervision-view';

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

export interface Versioned<T> {
  value: T;
  version: number;
}

const HIDDEN = { outbox: 0, audit: 0 } as const;

/** The registry of units (`institutions`), with its outbox and each unit's audit trail. */
@Injectable()
export class InstitutionRepository implements OnModuleInit {
  static readonly COLLECTION = 'institutions';
  private readonly collection: Collection<InstitutionDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<InstitutionDoc>(connection, InstitutionRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ divisionAncestors: 1 });
    // the compare-and-set filter of save(), as its own trivially unique index (a key lookup)
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  /** Inserts a new unit with its InstitutionRegistered event; false if the id is taken. */
  async insert(institution: Institution, events: OutboxEntry[], audit: AuditEntry): Promise<boolean> {
    const { unitId, ...rest } = institution;
    try {
      await this.collection.insertOne({ _id: unitId, ...rest, version: 1, outbox: events, audit: [audit] });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  async get(unitId: string): Promise<Institution | undefined> {
    return (await this.getVersioned(unitId))?.value;
  }

  async getVersioned(unitId: string): Promise<Versioned<Institution> | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: HIDDEN });
    return doc ? { value: toInstitution(doc), version: doc.version } : undefined;
  }

  /** Writes the next state if nobody else wrote since it was read; false if someone did. */
  async save(current: Versioned<Institution>, next: Institution, events: OutboxEntry[], audit: AuditEntry): Promise<boolean> {
    // the supervision view belongs to the supervision feed; a registry write never touches it
    const { unitId, supervision: _s, ...fields } = next as Institution & { supervision?: unknown };
    const r = await this.collection.updateOne(
      { _id: unitId, version: current.version },
      { $set: { ...fields, version: current.version + 1 }, $push: { audit, ...pushToOutbox(events).$push } },
    );
    return r.modifiedCount === 1;
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

  /** Active units, only the fields the deadline sweep and reporting rates need. */
  async activeReportingUnits(): Promise<
    Pick<Institution, 'unitId' | 'unitType' | 'divisionCode' | 'divisionAncestors' | 'registeredAt'>[]
  > {
    const docs = await this.collection
      .find({ active: true }, { projection: { unitType: 1, divisionCode: 1, divisionAncestors: 1, registeredAt: 1 } })
      .toArray();
    return docs.map((d) => ({
      unitId: d._id,
      unitType: d.unitType,
      divisionCode: d.divisionCode,
      divisionAncestors: d.divisionAncestors,
      registeredAt: d.registeredAt,
    }));
  }

  /** The supervision view of a unit, read and written by the consumers of supervision's events. */
  async supervisionOf(unitId: string): Promise<Versioned<SupervisionView> | undefined> {
    const doc = await this.collection.findOne({ _id: unitId }, { projection: { supervision: 1, version: 1 } });
    return doc ? { value: doc.supervision ?? emptySupervisionView(), version: doc.version } : undefined;
  }

  async saveSupervision(unitId: string, version: number, view: SupervisionView): Promise<boolean> {
    const r = await this.collection.updateOne({ _id: unitId, version }, { $set: { supervision: view, version: version + 1 } });
    return r.modifiedCount === 1;
  }
}

export function emptySupervisionView(): SupervisionView {
  return { openIssueIds: [], underRectification: false, escalations: [], appliedEvents: [] };
}

function toInstitution(doc: InstitutionDoc): Institution & { supervision: Omit<SupervisionView, 'appliedEvents'> } {
  const { _id, version: _v, outbox: _o, audit: _a, supervision, ...rest } = doc as InstitutionDoc;
  const { appliedEvents: _e, ...shown } = supervision ?? emptySupervisionView();
  return { unitId: _id, ...rest, supervision: shown } as Institution & { supervision: Omit<SupervisionView, 'appliedEvents'> };
}
