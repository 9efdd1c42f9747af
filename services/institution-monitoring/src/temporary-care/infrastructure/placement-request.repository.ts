import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { placementRequestEvents } from '../application/placement-request-events';
import { PlacementRequest, PlacementRequestChange } from '../domain/placement-request';

/** Placement requests as answered (`temporary_care_requests`, `_id` = `${placementId}:${requestNo}`), each with its outbox. */
@Injectable()
export class PlacementRequestRepository implements OnModuleInit {
  static readonly COLLECTION = 'temporary_care_requests';
  readonly store: AggregateStore<PlacementRequest, 'requestKey', PlacementRequestChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.store = new AggregateStore({
      collection: collectionOf(connection, PlacementRequestRepository.COLLECTION),
      idField: 'requestKey',
      relay,
      events: placementRequestEvents,
      noun: 'placement request',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(requestKey: string): Promise<Versioned<PlacementRequest> | undefined> {
    return this.store.get(requestKey);
  }
}
