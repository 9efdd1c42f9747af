import { Injectable, OnModuleInit } from '@nestjs/common';
import { InspectionTargetType } from '@civil/contracts';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

/**
 * What supervision inspects (`inspection_units`): its copy of the unit registry, and the targets
 * registered in supervision itself (funeral homes, townships, welfare-lottery sales points).
 */
export interface InspectionUnit {
  unitId: string;
  name: string;
  unitType: InspectionTargetType;
  divisionCode: string;
  divisionAncestors: string[];
  /** Under closed management (封闭管理) now. */
  closedManagement: boolean;
  /** Highest registry version applied (0 = from registration). */
  registryVersion: number;
  /** Where the target comes from: the unit registry (absent on copies made before targets were registered here) or supervision. */
  registeredIn?: 'registry' | 'supervision';
  /** A supervision-registered target's address label (e.g. 武康街道某路口), never a person's data. */
  addressLabel?: string | null;
}

type UnitDoc = Omit<InspectionUnit, 'unitId'> & { _id: string };

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/** Written through `store` from the registry's events; a copy of another service's facts publishes nothing. */
@Injectable()
export class InspectionUnitRepository implements OnModuleInit {
  private readonly collection: Collection<UnitDoc>;
  readonly store: AggregateStore<InspectionUnit, 'unitId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<UnitDoc>(connection, 'inspection_units');
    this.store = new AggregateStore({
      collection: collectionOf(connection, 'inspection_units'),
      idField: 'unitId',
      relay,
      events: noEvents,
      noun: 'unit copy',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    // units copied before they were versioned: version 0, so the store's compare-and-set finds them
    await this.collection.updateMany({ version: { $exists: false } } as never, { $set: { version: 0 } } as never);
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  async get(unitId: string): Promise<InspectionUnit | undefined> {
    return (await this.store.get(unitId))?.value;
  }

  async getMany(unitIds: readonly string[]): Promise<Map<string, InspectionUnit>> {
    const found = await this.store.getMany(unitIds);
    return new Map([...found].map(([id, { value }]) => [id, value]));
  }

  async list(q: { jurisdiction: string; unitType?: string; unitId?: string }): Promise<InspectionUnit[]> {
    const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
    if (q.unitType) filter.unitType = q.unitType;
    if (q.unitId) filter._id = q.unitId;
    return (await this.collection.find(filter, { projection: HIDDEN }).toArray()).map(toUnit);
  }
}

function toUnit(doc: UnitDoc): InspectionUnit {
  const { _id, ...rest } = doc;
  return { unitId: _id, ...rest };
}
