import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { InspectionTeam } from '../domain/inspection-team';

/** Inspection teams (`inspection_teams`). */
@Injectable()
export class InspectionTeamRepository implements OnModuleInit {
  private readonly collection: Collection<Document>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<Document>(connection, 'inspection_teams');
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  async insert(team: InspectionTeam): Promise<void> {
    const { teamId, ...rest } = team;
    await this.collection.insertOne({ _id: teamId as never, ...rest });
  }

  async get(teamId: string): Promise<InspectionTeam | undefined> {
    const doc = await this.collection.findOne({ _id: teamId as never });
    return doc ? toTeam(doc) : undefined;
  }

  async list(jurisdiction: string, limit: number): Promise<InspectionTeam[]> {
    const docs = await this.collection.find({ divisionAncestors: jurisdiction }).sort({ createdAt: -1 }).limit(limit).toArray();
    return docs.map(toTeam);
  }
}

function toTeam(doc: Document): InspectionTeam {
  const { _id, ...rest } = doc;
  return { teamId: String(_id), ...rest } as InspectionTeam;
}
