import { Injectable, OnModuleInit } from '@nestjs/common';
import { divisionAncestors } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { candidateTemplateIds, CHECKLIST_KEYS, ChecklistKey, ChecklistTemplate, templateIdOf } from '../domain/checklist-template';

/** More than any deployment sets below one jurisdiction (unit types × regions that set their own). */
const LIST_LIMIT = 1_000;

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/**
 * Checklist templates per unit type and region with all their versions (`inspection_checklists`,
 * id `unitType` for every region, `unitType@divisionCode` for one region). Documents written
 * before templates were regional carry only the id and versions: they are the every-region ones
 * (completeTemplate fills in the rest). Written through `store`; a template publishes nothing.
 */
@Injectable()
export class ChecklistTemplateRepository implements OnModuleInit {
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<ChecklistTemplate, 'templateId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, 'inspection_checklists');
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'templateId',
      relay,
      events: noEvents,
      noun: 'checklist template',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  /** The template set for the narrowest division (or every region) that has one; each candidate is a key lookup. */
  async applying(unitType: ChecklistKey, divisionCode: string): Promise<ChecklistTemplate | undefined> {
    for (const id of candidateTemplateIds(unitType, divisionCode)) {
      const found = await this.store.get(id);
      if (found) return completeTemplate(found.value);
    }
    return undefined;
  }

  /**
   * What is set that concerns a jurisdiction: every region's templates, those set for the
   * divisions enclosing it (they apply there) and those set anywhere inside it.
   */
  async setFor(jurisdiction: string): Promise<ChecklistTemplate[]> {
    const enclosing = ['', ...divisionAncestors(jurisdiction)];
    const applying = await this.store.getMany(CHECKLIST_KEYS.flatMap((t) => enclosing.map((d) => templateIdOf(t, d))));
    const inside = await this.collection.find({ divisionAncestors: jurisdiction }, { projection: HIDDEN }).limit(LIST_LIMIT).toArray();
    const byId = new Map<string, ChecklistTemplate>();
    applying.forEach(({ value }) => byId.set(value.templateId, completeTemplate(value)));
    inside.forEach(({ _id, ...rest }) =>
      byId.set(String(_id), completeTemplate({ templateId: String(_id), ...rest } as ChecklistTemplate)),
    );
    return [...byId.values()];
  }
}

/** Fills in what documents from before regional templates lack (their id is the unit type). */
export function completeTemplate(t: ChecklistTemplate): ChecklistTemplate {
  const [unitType, divisionCode = ''] = t.templateId.split('@');
  return {
    templateId: t.templateId,
    unitType: t.unitType ?? (unitType as ChecklistKey),
    divisionCode: t.divisionCode ?? divisionCode,
    divisionAncestors: t.divisionAncestors ?? (divisionCode ? divisionAncestors(divisionCode) : []),
    versions: t.versions,
  };
}
