import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { AccountabilityChange, accountabilityEvents } from '../application/accountability-integration-events.mapper';
import { AccountabilityCase } from '../domain/accountability-case';

export interface AccountabilityCaseFilter {
  jurisdiction: string;
  status?: string;
  trigger?: string;
  outcome?: string;
  /** Unit staff: only decided cases about this unit. */
  unitId?: string;
  /** Officers of a township or division: its own open inquiries are left out (shown once decided). */
  notOpenAbout?: string;
}

/**
 * Accountability cases (`accountability_cases`), each written through `store` by compare-and-set
 * with the events it causes; the rest are reads. A case opened from an escalation has an id
 * derived from its supervision case, so a redelivered CaseEscalated finds it already there.
 */
@Injectable()
export class AccountabilityCaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'accountability_cases';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<AccountabilityCase, 'accountabilityCaseId', AccountabilityChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, AccountabilityCaseRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'accountabilityCaseId',
      relay,
      events: accountabilityEvents,
      noun: 'accountability case',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ divisionAncestors: 1, openedAt: -1 });
  }

  get(id: string): Promise<Versioned<AccountabilityCase> | undefined> {
    return this.store.get(id);
  }

  async list(filter: AccountabilityCaseFilter, limit: number, skip: number): Promise<AccountabilityCase[]> {
    const docs = await this.collection
      .find(query(filter), { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } })
      .sort({ openedAt: -1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ accountabilityCaseId: String(_id), ...rest }) as AccountabilityCase);
  }

  /** The fields a summary counts, for every case in the filter (bounded). */
  async countable(filter: AccountabilityCaseFilter, max: number): Promise<Pick<AccountabilityCase, 'status' | 'outcome' | 'trigger'>[]> {
    const docs = await this.collection
      .find(query(filter), { projection: { status: 1, outcome: 1, trigger: 1 } })
      .limit(max)
      .toArray();
    return docs.map((d) => ({ status: d.status, outcome: d.outcome ?? null, trigger: d.trigger }));
  }
}

function query(filter: AccountabilityCaseFilter): Record<string, unknown> {
  const q: Record<string, unknown> = { divisionAncestors: filter.jurisdiction };
  if (filter.trigger) q.trigger = filter.trigger;
  if (filter.outcome) q.outcome = filter.outcome;
  if (filter.unitId !== undefined) {
    q['subject.kind'] = 'unit';
    q['subject.id'] = filter.unitId;
    // a case still open is never shown to the unit it is about
    q.status = { $in: ['decided', 'dismissed'].filter((s) => !filter.status || s === filter.status) };
  } else if (filter.status) {
    q.status = filter.status;
  }
  if (filter.notOpenAbout !== undefined) q.$nor = [{ status: 'opened', 'subject.id': filter.notOpenAbout }];
  return q;
}
