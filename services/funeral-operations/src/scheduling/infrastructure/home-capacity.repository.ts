import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { MeasureState } from '../domain/capacity';
import { HomeCapacityChange, homeCapacityEvents } from '../application/home-capacity-events';

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
  /** Every write of a home's capacity. */
  readonly store: AggregateStore<HomeCapacity, 'homeId', HomeCapacityChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, HomeCapacityRepository.COLLECTION),
      idField: 'homeId',
      relay,
      events: homeCapacityEvents,
      noun: 'capacity of home',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(homeId: string): Promise<Versioned<HomeCapacity> | undefined> {
    return this.store.get(homeId);
  }

  async getMany(homeIds: readonly string[]): Promise<Map<string, HomeCapacity>> {
    return new Map([...(await this.store.getMany(homeIds))].map(([id, v]) => [id, v.value]));
  }
}
