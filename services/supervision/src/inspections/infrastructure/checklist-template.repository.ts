import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { ChecklistTemplate } from '../domain/checklist-template';

/** Checklist templates per unit type with all their versions (`inspection_checklists`, id = unit type). */
@Injectable()
export class ChecklistTemplateRepository implements OnModuleInit {
  private readonly documents: VersionedDocuments<ChecklistTemplate, 'unitType'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, 'inspection_checklists'), 'unitType');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(unitType: string): Promise<Versioned<ChecklistTemplate> | undefined> {
    return this.documents.get(unitType);
  }

  insert(t: ChecklistTemplate): Promise<boolean> {
    return this.documents.insert(t, []);
  }

  save(version: number, t: ChecklistTemplate): Promise<boolean> {
    return this.documents.save(version, t, []);
  }
}
