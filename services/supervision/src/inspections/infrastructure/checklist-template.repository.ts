import { Injectable, OnModuleInit } from '@nestjs/common';
import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { candidateTemplateIds, ChecklistTemplate, templateIdOf } from '../domain/checklist-template';

/** More than any deployment sets below one jurisdiction (unit types × regions that set their own). */
const LIST_LIMIT = 1_000;

/**
 * Checklist templates per unit type and region with all their versions (`inspection_checklists`,
 * id `unitType` for every region, `unitType@divisionCode` for one region). Documents written
 * before templates were regional carry only the id and versions: they are the every-region ones.
 */
@Injectable()
export class ChecklistTemplateRepository implements OnModuleInit {
  private readonly documents: VersionedDocuments<ChecklistTemplate, 'templateId'>;
  private readonly collection: Collection<Document>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<Document>(connection, 'inspection_checklists');
    this.documents = new VersionedDocuments(this.collection, 'templateId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  async get(unitType: UnitType, divisionCode: string): Promise<Versioned<ChecklistTemplate> | undefined> {
    const found = await this.documents.get(templateIdOf(unitType, divisionCode));
    return found && { value: complete(found.value), version: found.version };
  }

  /** The template set for the narrowest division (or every region) that has one; each candidate is a key lookup. */
  async applying(unitType: UnitType, divisionCode: string): Promise<ChecklistTemplate | undefined> {
    for (const id of candidateTemplateIds(unitType, divisionCode)) {
      const found = await this.documents.get(id);
      if (found) return complete(found.value);
    }
    return undefined;
  }

  /**
   * What is set that concerns a jurisdiction: every region's templates, those set for the
   * divisions enclosing it (they apply there) and those set anywhere inside it.
   */
  async setFor(jurisdiction: string): Promise<ChecklistTemplate[]> {
    const enclosing = ['', ...divisionAncestors(jurisdiction)];
    const applying = await this.documents.getMany(UNIT_TYPES.flatMap((t) => enclosing.map((d) => templateIdOf(t, d))));
    const inside = await this.collection.find({ divisionAncestors: jurisdiction }).limit(LIST_LIMIT).toArray();
    const byId = new Map<string, ChecklistTemplate>();
    applying.forEach((t) => byId.set(t.templateId, complete(t)));
    inside.forEach(({ _id, version: _v, outbox: _o, outboxLease: _l, ...rest }) =>
      byId.set(String(_id), complete({ templateId: String(_id), ...rest } as ChecklistTemplate)),
    );
    return [...byId.values()];
  }

  insert(t: ChecklistTemplate): Promise<boolean> {
    return this.documents.insert(t, []);
  }

  save(version: number, t: ChecklistTemplate): Promise<boolean> {
    return this.documents.save(version, t, []);
  }
}

/** Fills in what documents from before regional templates lack (their id is the unit type). */
function complete(t: ChecklistTemplate): ChecklistTemplate {
  const [unitType, divisionCode = ''] = t.templateId.split('@');
  return {
    templateId: t.templateId,
    unitType: t.unitType ?? (unitType as UnitType),
    divisionCode: t.divisionCode ?? divisionCode,
    divisionAncestors: t.divisionAncestors ?? (divisionCode ? divisionAncestors(divisionCode) : []),
    versions: t.versions,
  };
}
