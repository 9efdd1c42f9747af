import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AggregateStore, collectionOf, InjectDatabase, isDuplicateKeyError, noEvents } from '@civil/persistence';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Person, RegisterMembership } from '../domain/person';
import type { RollMember } from '../domain/register-roll';

/**
 * A person as kept in `persons`: the personal data, not the memberships (those are on the register
 * roll). Documents written before the roll existed still carry `memberships` until they are moved.
 */
export type StoredPerson = Omit<Person, 'memberships'> & { memberships?: RegisterMembership[] };

/**
 * People (`persons`, one document each) and the person-key claims (`person_keys`, `_id` = the keyed
 * hash) that make "one ID number, one person" a unique-key fact even when two registrations race.
 * People are written through `store`; they publish nothing (relief status goes out from the roll).
 */
@Injectable()
export class PersonRepository implements OnModuleInit {
  static readonly COLLECTION = 'persons';
  private readonly persons: Collection<Document>;
  private readonly keys: Collection<{ _id: string; personId: string }>;
  /** Every write of a person's own document (memberships are the roll's: never written here). */
  readonly store: AggregateStore<StoredPerson, 'personId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.persons = collectionOf(connection, PersonRepository.COLLECTION);
    this.keys = collectionOf(connection, 'person_keys');
    this.store = new AggregateStore({
      collection: this.persons,
      idField: 'personId',
      relay,
      events: noEvents,
      noun: 'person',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  /** Claims a person key for a new person id; returns the id that holds it (the new one, or the earlier). */
  async claimKey(personKey: string, personId: string): Promise<{ personId: string; claimed: boolean }> {
    try {
      await this.keys.insertOne({ _id: personKey, personId });
      return { personId, claimed: true };
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      const held = await this.keys.findOne({ _id: personKey });
      return { personId: held!.personId, claimed: false };
    }
  }

  async personIdOfKey(personKey: string): Promise<string | undefined> {
    return (await this.keys.findOne({ _id: personKey }))?.personId;
  }

  async get(personId: string): Promise<StoredPerson | undefined> {
    return (await this.store.get(personId))?.value;
  }

  async getMany(personIds: readonly string[]): Promise<Map<string, StoredPerson>> {
    const found = await this.store.getMany(personIds);
    return new Map([...found].map(([id, p]) => [id, p.value]));
  }

  /**
   * People whose documents still carry memberships, or ReliefStatusChanged events not yet
   * published (both written before the roll), in batches.
   */
  async *withLegacyMemberships(batchSize: number): AsyncGenerator<LegacyPerson[]> {
    const cursor = this.persons
      .find(
        { $or: [{ memberships: { $exists: true } }, { 'outbox.0': { $exists: true } }] },
        { projection: { divisionCode: 1, memberships: 1, outbox: 1 } },
      )
      .batchSize(batchSize);
    let batch: LegacyPerson[] = [];
    for await (const d of cursor) {
      batch.push({ personId: String(d._id), divisionCode: d.divisionCode, memberships: d.memberships ?? [], outbox: d.outbox ?? [] });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  /**
   * Drops what was moved onto the roll: exactly the events moved, and the memberships only where
   * they are still what was read (anything written since is found by the move's next pass).
   */
  async dropLegacyMemberships(moved: readonly LegacyPerson[]): Promise<void> {
    if (!moved.length) return;
    await this.persons.bulkWrite(
      moved.flatMap((p): AnyBulkWriteOperation<Document>[] => [
        ...(p.outbox.length
          ? [
              {
                updateOne: {
                  filter: { _id: p.personId as never },
                  update: { $pull: { outbox: { id: { $in: p.outbox.map((e) => e.id) } } } as never },
                },
              },
            ]
          : []),
        {
          updateOne: { filter: { _id: p.personId as never, memberships: p.memberships as never }, update: { $unset: { memberships: '' } } },
        },
      ]),
      { ordered: false },
    );
  }
}

/** A person as written before the register roll: memberships and events on the person's document. */
export interface LegacyPerson extends RollMember {
  outbox: OutboxEntry[];
}
