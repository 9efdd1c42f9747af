import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { caseEvents, CaseStep } from '../application/case-integration-events.mapper';
import { SupervisionCase } from '../domain/supervision-case';

type CaseDoc = Omit<SupervisionCase, 'caseId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export type LoadedCase = Versioned<SupervisionCase>;

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0 } as const;

/**
 * Cases (`cases`). Writes go through `store`: one compare-and-set on the version read, carrying
 * the events the change causes (a replica that lost the race reads and decides again); the rest
 * are reads.
 */
@Injectable()
export class CaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'cases';
  private readonly collection: Collection<CaseDoc>;
  readonly store: AggregateStore<SupervisionCase, 'caseId', CaseStep>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<CaseDoc>(connection, CaseRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: collectionOf(connection, CaseRepository.COLLECTION),
      idField: 'caseId',
      relay,
      events: caseEvents,
      noun: 'case',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ status: 1, nextEscalationAt: 1 });
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  async get(caseId: string): Promise<LoadedCase | undefined> {
    return this.store.get(caseId);
  }

  /** Open cases whose level's time is up: their ids, and what their ladder is chosen by. */
  async dueForEscalation(now: Date, limit: number): Promise<Pick<SupervisionCase, 'caseId' | 'caseType' | 'divisionCode'>[]> {
    const docs = await this.collection
      .find({ status: 'open', nextEscalationAt: { $lte: now } }, { projection: { caseType: 1, divisionCode: 1 } })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ caseId: d._id, caseType: d.caseType, divisionCode: d.divisionCode }));
  }

  /** Counts for the workload view; reads the jurisdiction's cases without their outboxes. */
  async summary(jurisdiction: string): Promise<CaseSummary> {
    const out: CaseSummary = { open: 0, resolved: 0, openByLevel: {}, openByType: {}, escalationsInto: {}, resolvedBy: {}, urgentOpen: 0 };
    const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    const cursor = this.collection.find(
      { divisionAncestors: jurisdiction },
      { projection: { status: 1, level: 1, caseType: 1, resolution: 1, reportedTo: 1, 'history.action': 1, 'history.level': 1 } },
    );
    for await (const d of cursor) {
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
    return docs.map(toCase);
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

function toCase(doc: CaseDoc): SupervisionCase {
  const { _id, version: _v, outbox: _o, ...rest } = doc;
  return { caseId: _id, ...rest } as SupervisionCase;
}
