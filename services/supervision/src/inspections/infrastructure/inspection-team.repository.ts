import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { InspectionTeam } from '../domain/inspection-team';

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/** Inspection teams (`inspection_teams`), created through `store`; a team publishes nothing. */
@Injectable()
export class InspectionTeamRepository implements OnModuleInit {
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<InspectionTeam, 'teamId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, 'inspection_teams');
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'teamId',
      relay,
      events: noEvents,
      noun: 'inspection team',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    // teams written before they were versioned: version 0, so the store's compare-and-set finds them
    await this.collection.updateMany({ version: { $exists: false } }, { $set: { version: 0 } });
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  async get(teamId: string): Promise<InspectionTeam | undefined> {
    return (await this.store.get(teamId))?.value;
  }

  async list(jurisdiction: string, limit: number): Promise<InspectionTeam[]> {
    const docs = await this.collection
      .find({ divisionAncestors: jurisdiction }, { projection: HIDDEN })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(toTeam);
  }
}

function toTeam(doc: Document): InspectionTeam {
  const { _id, ...rest } = doc;
  return { teamId: String(_id), ...rest } as InspectionTeam;
}
