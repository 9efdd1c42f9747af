import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, isDuplicateKeyError, Versioned } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { caseEvents, CaseStep } from '../application/case-integration-events.mapper';
import { SupervisionCase } from '../domain/supervision-case';

/**
 * A case as the store keeps it. The current case of a subject (its open case, or the last one
 * resolved) lives in the subject's own document, `docId` `subject:<caseType>:<subjectId>`, with the
 * keys of the signals applied to it lately; a resolved case that a newer one replaced is kept as a
 * document of its own, `docId` = its case id.
 */
export type CaseRecord = SupervisionCase & { docId: string; appliedEvents?: string[] };

type CaseDoc = Omit<CaseRecord, 'docId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export type LoadedCase = Versioned<SupervisionCase>;

/** The document of a subject's current case. */
export function subjectDocId(caseType: string, subjectId: string): string {
  return `subject:${caseType}:${subjectId}`;
}

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, appliedEvents: 0 } as const;

/**
 * Cases (`cases`), one document per case subject. Writes go through `store`: one compare-and-set
 * on the version read, carrying the events the change causes (a writer that lost the race reads
 * and decides again); the rest are reads. A case is found by its id through the `caseId` index.
 */
@Injectable()
export class CaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'cases';
  private readonly collection: Collection<CaseDoc>;
  readonly store: AggregateStore<CaseRecord, 'docId', CaseStep>;
  /** `case_subjects` of the earlier layout, read once to move its open cases. */
  private readonly earlierPointers: Collection<{
    _id: string;
    caseType: string;
    subjectId: string;
    openCaseId?: string;
    appliedEvents?: string[];
  }>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<CaseDoc>(connection, CaseRepository.COLLECTION);
    this.earlierPointers = collectionOf(connection, 'case_subjects');
    this.store = new AggregateStore<CaseRecord, 'docId', CaseStep>({
      collection: collectionOf(connection, CaseRepository.COLLECTION),
      idField: 'docId',
      relay,
      events: caseEvents,
      noun: 'case',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ caseId: 1 });
    await this.moveCasesOfEarlierLayout();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ status: 1, nextEscalationAt: 1 });
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  /**
   * Cases written before subjects had documents of their own (a case per document, and a
   * `case_subjects` pointer to a subject's open case): each case gets its id as a field, and each
   * open case is copied, outbox and all, into its subject's document, then removed from its own
   * (only if unchanged since the copy; otherwise the copy is made again at the next start). Run
   * with every supervision replica on this version: a replica of the earlier layout still writing
   * would keep its own pointers.
   */
  private async moveCasesOfEarlierLayout(): Promise<void> {
    for await (const d of this.collection.find({ caseId: { $exists: false } }, { projection: { _id: 1 } }))
      await this.collection.updateOne({ _id: d._id, caseId: { $exists: false } }, { $set: { caseId: d._id } });
    for await (const p of this.earlierPointers.find({})) {
      const old = p.openCaseId ? await this.collection.findOne({ _id: p.openCaseId }) : null;
      if (old) {
        const docId = subjectDocId(p.caseType, p.subjectId);
        const { _id, outboxLease: _l, writes: _w, ...fields } = old as CaseDoc & Record<string, unknown>;
        const copy = { ...fields, caseId: _id, version: 1, outbox: old.outbox ?? [], appliedEvents: p.appliedEvents ?? [] };
        try {
          // a copy of this same case made at an earlier start is made again (the original may have moved on)
          await this.collection.replaceOne({ _id: docId, caseId: _id }, copy as never, { upsert: true });
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
          continue; // the subject holds another case already: both are left as they are
        }
        if ((await this.collection.deleteOne({ _id, version: old.version })).deletedCount !== 1) continue;
      }
      await this.earlierPointers.deleteOne({ _id: p._id });
    }
  }

  /** A case by its id, as the API shows it. */
  async get(caseId: string): Promise<LoadedCase | undefined> {
    const found = await this.find(caseId);
    return found ? { value: toCase(found.value), version: found.version } : undefined;
  }

  /**
   * A case by its id, with the document it lives in. While a replaced case is being set aside both
   * documents hold it for a moment: the subject's is the one that counts.
   */
  async find(caseId: string): Promise<Versioned<CaseRecord> | undefined> {
    const docs = await this.collection.find({ caseId }, { projection: { outbox: 0, outboxLease: 0, writes: 0 } }).toArray();
    const doc = docs.find((d) => d._id.startsWith('subject:')) ?? docs[0];
    if (!doc) return undefined;
    const { _id, version, outbox: _o, ...rest } = doc;
    return { value: { docId: _id, ...rest } as CaseRecord, version };
  }

  /** Open cases whose level's time is up: their documents, and what their ladder is chosen by. */
  async dueForEscalation(
    now: Date,
    limit: number,
  ): Promise<{ docId: string; caseType: SupervisionCase['caseType']; divisionCode: string }[]> {
    const docs = await this.collection
      .find({ status: 'open', nextEscalationAt: { $lte: now } }, { projection: { caseType: 1, divisionCode: 1 } })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ docId: d._id, caseType: d.caseType, divisionCode: d.divisionCode }));
  }

  /** Counts for the workload view; reads the jurisdiction's cases without their outboxes. */
  async summary(jurisdiction: string): Promise<CaseSummary> {
    const out: CaseSummary = { open: 0, resolved: 0, openByLevel: {}, openByType: {}, escalationsInto: {}, resolvedBy: {}, urgentOpen: 0 };
    const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    const seen = new Set<string>();
    const cursor = this.collection.find(
      { divisionAncestors: jurisdiction },
      {
        projection: { caseId: 1, status: 1, level: 1, caseType: 1, resolution: 1, reportedTo: 1, 'history.action': 1, 'history.level': 1 },
      },
    );
    for await (const d of cursor) {
      if (seen.has(d.caseId)) continue; // a replaced case being set aside, counted once
      seen.add(d.caseId);
      if (d.status === 'open') {
        out.open++;
        bump(out.openByLevel, d.level);
        bump(out.openByType, d.caseType);
        if (d.reportedTo) out.urgentOpen++;
      } else {
        out.resolved++;
        bump(out.resolvedBy, d.resolution ?? 'late-report-received');
      }
      for (const h of d.history ?? []) if (h.action === 'escalated') bump(out.escalationsInto, h.level);
    }
    return out;
  }

  async list(
    filter: { jurisdiction: string; status?: string; level?: string; caseType?: string; subjectId?: string; unitId?: string },
    limit: number,
    skip: number,
  ): Promise<SupervisionCase[]> {
    const q: Record<string, unknown> = { divisionAncestors: filter.jurisdiction };
    for (const k of ['status', 'level', 'caseType', 'subjectId', 'unitId'] as const) if (filter[k]) q[k] = filter[k];
    const docs = await this.collection.find(q, { projection: HIDDEN }).sort({ openedAt: -1 }).skip(skip).limit(limit).toArray();
    const seen = new Set<string>();
    return docs.filter((d) => !seen.has(d.caseId) && seen.add(d.caseId)).map((d) => toCase({ docId: d._id, ...d } as never));
  }
}

export interface CaseSummary {
  open: number;
  resolved: number;
  /** Open cases by the level holding them. */
  openByLevel: Record<string, number>;
  /** Open cases by type. */
  openByType: Record<string, number>;
  /** Escalations into each level, over every case. */
  escalationsInto: Record<string, number>;
  /** Resolved cases by how they were resolved. */
  resolvedBy: Record<string, number>;
  /** Open urgent cases reported at once above their holder. */
  urgentOpen: number;
}

/** The case without the store's bookkeeping. */
export function toCase(record: SupervisionCase | CaseRecord): SupervisionCase {
  const { docId: _d, appliedEvents: _a, _id: _i, version: _v, outbox: _o, ...rest } = record as CaseRecord & Record<string, unknown>;
  return rest as SupervisionCase;
}
