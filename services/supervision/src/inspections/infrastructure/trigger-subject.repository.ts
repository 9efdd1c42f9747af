import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { RememberedMiss } from '../domain/data-triggers';

/**
 * What the data rules remember per unit (`inspection_trigger_units`, id = unit id): recent misses,
 * the events applied, the pending triggered inspection, and how many it has had. Symptom cases and
 * missed reports arrive on different topics, so writes are compare-and-set.
 */
export interface TriggerSubject {
  unitId: string;
  misses: RememberedMiss[];
  appliedEvents: string[];
  pendingInspectionId: string | null;
  /** Triggered inspections so far: the next one's id derives from it, so two racing signals create one. */
  generation: number;
}

/** Written through `store` (compare-and-set on the version read); it publishes nothing. */
@Injectable()
export class TriggerSubjectRepository implements OnModuleInit {
  readonly store: AggregateStore<TriggerSubject, 'unitId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, 'inspection_trigger_units'),
      idField: 'unitId',
      relay,
      events: noEvents,
      noun: 'trigger state of unit',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(unitId: string): Promise<Versioned<TriggerSubject> | undefined> {
    return this.store.get(unitId);
  }
}
