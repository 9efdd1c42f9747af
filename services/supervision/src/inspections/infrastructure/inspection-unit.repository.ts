import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitType } from '@civil/contracts';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

/** Supervision's own copy of the unit registry (`inspection_units`): what coverage and scheduling need. */
export interface InspectionUnit {
  unitId: string;
  name: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  /** Under closed management (封闭管理) now. */
  closedManagement: boolean;
  /** Highest registry version applied (0 = from registration). */
  registryVersion: number;
}

type UnitDoc = Omit<InspectionUnit, 'unitId'> & { _id: string };

@Injectable()
export class InspectionUnitRepository implements OnModuleInit {
  private readonly collection: Collection<UnitDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<UnitDoc>(connection, 'inspection_units');
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  /** Replaces the public fields unless a newer registry version was applied already. */
  async upsert(unit: Omit<InspectionUnit, 'closedManagement'>): Promise<void> {
    const { unitId, ...fields } = unit;
    const current = await this.collection.findOne({ _id: unitId });
    if (current && current.registryVersion > unit.registryVersion) return;
    await this.collection.updateOne({ _id: unitId }, { $set: fields, $setOnInsert: { closedManagement: false } }, { upsert: true });
  }

  /** Closed management starts or ends; a unit not copied yet is left to its registration. */
  async setClosedManagement(unitId: string, closed: boolean): Promise<void> {
    await this.collection.updateOne({ _id: unitId }, { $set: { closedManagement: closed } });
  }

  async get(unitId: string): Promise<InspectionUnit | undefined> {
    const doc = await this.collection.findOne({ _id: unitId });
    return doc ? toUnit(doc) : undefined;
  }

  async getMany(unitIds: readonly string[]): Promise<Map<string, InspectionUnit>> {
    const docs = await this.collection.find({ _id: { $in: [...unitIds] } }).toArray();
    return new Map(docs.map((d) => [d._id, toUnit(d)]));
  }

  async list(q: { jurisdiction: string; unitType?: string; unitId?: string }): Promise<InspectionUnit[]> {
    const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
    if (q.unitType) filter.unitType = q.unitType;
    if (q.unitId) filter._id = q.unitId;
    return (await this.collection.find(filter).toArray()).map(toUnit);
  }
}

function toUnit(doc: UnitDoc): InspectionUnit {
  const { _id, ...rest } = doc;
  return { unitId: _id, ...rest };
}
