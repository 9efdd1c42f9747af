import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { DonationChange, donationEvents } from '../application/donation.integration-events';
import { DisclosedDonation } from '../domain/disclosure';
import type { DonationStatus } from '@civil/contracts';
import { Donation } from '../domain/donation';

const STORE_FIELDS = { outbox: 0, outboxLease: 0, writes: 0, version: 0 };

/** Donations (`donations`, `_id` = donation id), each with its allocations and outbox; writes go through `store`. */
@Injectable()
export class DonationRepository implements OnModuleInit {
  static readonly COLLECTION = 'donations';
  private readonly collection: Collection<Document>;
  /** Every write of a donation, with the events of its changes. */
  readonly store: AggregateStore<Donation, 'donationId', DonationChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, DonationRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'donationId',
      relay,
      events: donationEvents,
      noun: 'donation',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1, receivedDay: 1 });
  }

  get(donationId: string): Promise<Versioned<Donation> | undefined> {
    return this.store.get(donationId);
  }

  /** Donations received inside a division (newest first), without their allocations. */
  async within(divisionCode: string, filter: { status?: DonationStatus }, limit: number): Promise<Omit<Donation, 'allocations'>[]> {
    const docs = await this.collection
      .find(
        { divisionAncestors: divisionCode, ...(filter.status ? { status: filter.status } : {}) },
        { projection: { ...STORE_FIELDS, allocations: 0 } },
      )
      .sort({ receivedAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ donationId: String(_id), ...rest }) as Omit<Donation, 'allocations'>);
  }

  /**
   * What the public disclosure adds up: donations received inside a division on the days given,
   * read with a cursor and never with the donor's name.
   */
  async *forDisclosure(divisionCode: string, from: string, to: string): AsyncGenerator<DisclosedDonation> {
    const cursor = this.collection
      .find(
        { divisionAncestors: divisionCode, receivedDay: { $gte: from, $lte: to } },
        { projection: { gift: 1, allocations: 1, 'donor.kind': 1 } },
      )
      .batchSize(500);
    for await (const { _id, ...rest } of cursor) yield { donationId: String(_id), ...rest } as DisclosedDonation;
  }
}
