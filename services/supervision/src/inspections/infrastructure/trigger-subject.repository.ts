import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
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

@Injectable()
export class TriggerSubjectRepository implements OnModuleInit {
  private readonly documents: VersionedDocuments<TriggerSubject, 'unitId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, 'inspection_trigger_units'), 'unitId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(unitId: string): Promise<Versioned<TriggerSubject> | undefined> {
    return this.documents.get(unitId);
  }

  /** Writes the next state if nobody wrote since `version` (undefined: it did not exist); false otherwise. */
  write(version: number | undefined, next: TriggerSubject): Promise<boolean> {
    return version === undefined ? this.documents.insert(next, []) : this.documents.save(version, next, []);
  }
}
