import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { campaignEvents } from '../application/campaign.integration-events';
import { Campaign } from '../domain/campaign';

/** Yearly campaigns (`low_income_campaigns`, `_id` = campaign id), written through `store`. */
@Injectable()
export class CampaignRepository implements OnModuleInit {
  static readonly COLLECTION = 'low_income_campaigns';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<Campaign, 'campaignId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, CampaignRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'campaignId',
      relay,
      events: campaignEvents,
      noun: 'campaign',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(campaignId: string): Promise<Versioned<Campaign> | undefined> {
    return this.store.get(campaignId);
  }
}
