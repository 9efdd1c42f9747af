import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { APPLIED_EVENTS_FIELD, InjectDatabase, isDuplicateKeyError, MongoOutboxStore, notYetApplied, pushToOutbox, recordApplied } from '@civil/persistence';
import { Collection, Connection } from 'mongoose';
import { SupervisionCase } from '../domain/supervision-case';

type CaseDoc = Omit<SupervisionCase, 'caseId'> & { _id: string; version: number; appliedEvents: string[]; outbox: OutboxEntry[] };

export interface LoadedCase {
  value: SupervisionCase;
  version: number;
}

/**
 * Cases (`cases`). Every change is one conditional update on the version it was read at, carrying
 * the events it causes and the id of the event that caused it: a replica that lost the race, or
 * a redelivered event, changes nothing.
 */
@Injectable()
export class CaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'cases';
  private readonly collection: Collection<CaseDoc>;
  readonly outbox: MongoOutboxStore;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = connection.collection<CaseDoc>(CaseRepository.COLLECTION) as unknown as Collection<CaseDoc>;
    this.outbox = new MongoOutboxStore(CaseRepository.COLLECTION, this.collection as never);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ subjectId: 1 });
    await this.collection.createIndex({ nextEscalationAt: 1 });
  }

  /** Creates a case; false if a case with this id exists (the opening event was seen before). */
  async create(c: SupervisionCase, appliedEventKey: string, events: OutboxEntry[]): Promise<boolean> {
    const { caseId, ...rest } = c;
    try {
      await this.collection.insertOne({ _id: caseId, ...rest, version: 1, appliedEvents: [appliedEventKey], outbox: events });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Saves a changed case if nobody changed it since it was read; false otherwise. */
  async save(loaded: LoadedCase, events: OutboxEntry[], appliedEventKey?: string): Promise<boolean> {
    const { caseId, ...state } = loaded.value;
    const filter: Record<string, unknown> = { _id: caseId, version: loaded.version };
    const update: Record<string, any> = { $set: { ...state, version: loaded.version + 1 } };
    if (appliedEventKey) Object.assign(filter, notYetApplied(appliedEventKey));
    const push: Record<string, unknown> = { ...pushToOutbox(events).$push };
    if (appliedEventKey) Object.assign(push, recordApplied(appliedEventKey).$push);
    if (Object.keys(push).length) update.$push = push;
    const r = await this.collection.updateOne(filter as never, update);
    return r.matchedCount === 1;
  }

  async openCaseOf(caseType: CaseType, subjectId: string): Promise<LoadedCase | undefined> {
    const doc = await this.collection.findOne({ caseType, subjectId, status: 'open' }, { projection: { outbox: 0, [APPLIED_EVENTS_FIELD]: 0 } });
    return doc ? toLoaded(doc) : undefined;
  }

  /** The open case of a subject with a given day outstanding. */
  async openCaseWithDay(caseType: CaseType, subjectId: string, day: string): Promise<LoadedCase | undefined> {
    const doc = await this.collection.findOne({ caseType, subjectId, status: 'open', outstanding: day }, { projection: { outbox: 0, [APPLIED_EVENTS_FIELD]: 0 } });
    return doc ? toLoaded(doc) : undefined;
  }

  async hasApplied(eventKey: string, subjectId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ subjectId, [APPLIED_EVENTS_FIELD]: eventKey })) > 0;
  }

  async get(caseId: string): Promise<LoadedCase | undefined> {
    const doc = await this.collection.findOne({ _id: caseId }, { projection: { outbox: 0, [APPLIED_EVENTS_FIELD]: 0 } });
    return doc ? toLoaded(doc) : undefined;
  }

  /** Open cases whose level's time is up. */
  async dueForEscalation(now: Date, limit: number): Promise<LoadedCase[]> {
    const docs = await this.collection
      .find({ status: 'open', nextEscalationAt: { $lte: now } }, { projection: { outbox: 0, [APPLIED_EVENTS_FIELD]: 0 } })
      .limit(limit)
      .toArray();
    return docs.map(toLoaded);
  }

  async list(filter: { jurisdiction: string; status?: string; level?: string; caseType?: string; subjectId?: string }, limit: number, skip: number): Promise<SupervisionCase[]> {
    const q: Record<string, unknown> = { divisionAncestors: filter.jurisdiction };
    for (const k of ['status', 'level', 'caseType', 'subjectId'] as const) if (filter[k]) q[k] = filter[k];
    const docs = await this.collection.find(q, { projection: { outbox: 0, [APPLIED_EVENTS_FIELD]: 0 } }).sort({ openedAt: -1 }).skip(skip).limit(limit).toArray();
    return docs.map((d) => toLoaded(d).value);
  }
}

function toLoaded(doc: CaseDoc): LoadedCase {
  const { _id, version, outbox: _o, appliedEvents: _a, ...rest } = doc;
  return { value: { caseId: _id, ...rest } as SupervisionCase, version };
}
