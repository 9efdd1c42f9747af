import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { MeasureState } from '../domain/capacity';

export interface HomeCapacity {
  homeId: string;
  divisionCode: string;
  divisionAncestors: string[];
  coldStorage: MeasureState & { occupied: number; slots: number };
  backlog: MeasureState & { hoursQueued: number; hoursAvailable: number; waitingCases: number; placedCases: number };
  expectedWaitMinutes: number | null;
  evaluatedAt: Date;
}

/** `home_capacity`: a home's latest figures and episode states, with CapacityStrained/Recovered in its outbox. */
@Injectable()
export class HomeCapacityRepository implements OnModuleInit {
  static readonly COLLECTION = 'home_capacity';
  private readonly documents: VersionedDocuments<HomeCapacity, 'homeId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, HomeCapacityRepository.COLLECTION), 'homeId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(homeId: string): Promise<Versioned<HomeCapacity> | undefined> {
    return this.documents.get(homeId);
  }

  getMany(homeIds: readonly string[]): Promise<Map<string, HomeCapacity>> {
    return this.documents.getMany(homeIds);
  }

  save(version: number | null, next: HomeCapacity, events: OutboxEntry[]): Promise<boolean> {
    return version === null ? this.documents.insert(next, events) : this.documents.save(version, next, events);
  }
}
