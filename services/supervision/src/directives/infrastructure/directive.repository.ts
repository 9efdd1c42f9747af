import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { DirectiveChange, directiveEvents } from '../application/directive-integration-events.mapper';
import { Directive } from '../domain/directive';

const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/**
 * Directives (`directives`), one document each with every target's steps; written through `store`
 * by compare-and-set with their events. The rest are reads.
 */
@Injectable()
export class DirectiveRepository implements OnModuleInit {
  static readonly COLLECTION = 'directives';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<Directive, 'directiveId', DirectiveChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, DirectiveRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'directiveId',
      relay,
      events: directiveEvents,
      noun: 'directive',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ nextDueDate: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, receivedOn: -1 });
  }

  get(id: string): Promise<Versioned<Directive> | undefined> {
    return this.store.get(id);
  }

  /** Directives with a step still owed whose due day is before `today` (the sweep's work). */
  async withStepDueBefore(today: string, limit: number, afterId?: string): Promise<string[]> {
    const q: Record<string, unknown> = { nextDueDate: { $ne: null, $lt: today } };
    if (afterId) q._id = { $gt: afterId };
    const docs = await this.collection
      .find(q, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  async list(jurisdiction: string, limit: number, skip: number): Promise<Directive[]> {
    const docs = await this.collection
      .find({ divisionAncestors: jurisdiction }, { projection: HIDDEN })
      .sort({ receivedOn: -1, issuedAt: -1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ directiveId: String(_id), ...rest }) as Directive);
  }
}
