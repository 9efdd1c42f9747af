import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { SupervisionCase } from '../domain/supervision-case';

type CaseDoc = Omit<SupervisionCase, 'caseId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export type LoadedCase = Versioned<SupervisionCase>;

/**
 * Cases (`cases`). Every change is one conditional update on the version it was read at, carrying
 * the events it causes: a replica that lost the race changes nothing and reads again.
 */
@Injectable()
export class CaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'cases';
  private readonly collection: Collection<CaseDoc>;
  private readonly documents: VersionedDocuments<SupervisionCase, 'caseId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<CaseDoc>(connection, CaseRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection as never, 'caseId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ status: 1, nextEscalationAt: 1 });
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  /** Creates a case; false if a case with this id exists (the opening event was seen before). */
  async create(c: SupervisionCase, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(c, events);
  }

  /** Saves a changed case if nobody changed it since it was read; false otherwise. */
  async save(loaded: LoadedCase, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(loaded.version, loaded.value, events);
  }

  async get(caseId: string): Promise<LoadedCase | undefined> {
    return this.documents.get(caseId);
  }

  /** Open cases whose level's time is up. */
  async dueForEscalation(now: Date, limit: number): Promise<LoadedCase[]> {
    const docs = await this.collection
      .find({ status: 'open', nextEscalationAt: { $lte: now } }, { projection: { outbox: 0 } })
      .limit(limit)
      .toArray();
    return docs.map(toLoaded);
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
    const docs = await this.collection
      .find(q, { projection: { outbox: 0 } })
      .sort({ openedAt: -1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map((d) => toLoaded(d).value);
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

function toLoaded(doc: CaseDoc): LoadedCase {
  const { _id, version, outbox: _o, ...rest } = doc;
  return { value: { caseId: _id, ...rest } as SupervisionCase, version };
}
