import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { Directive } from '../domain/directive';

const HIDDEN = { outbox: 0, outboxLease: 0, version: 0 } as const;

/** Directives (`directives`), one document each with every target's steps; written by compare-and-set with their events. */
@Injectable()
export class DirectiveRepository implements OnModuleInit {
  static readonly COLLECTION = 'directives';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<Directive, 'directiveId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<Document>(connection, DirectiveRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'directiveId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ nextDueDate: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, receivedOn: -1 });
  }

  insert(d: Directive, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(d, events);
  }

  save(loaded: Versioned<Directive>, next: Directive, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(loaded.version, next, events);
  }

  get(id: string): Promise<Versioned<Directive> | undefined> {
    return this.documents.get(id);
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
