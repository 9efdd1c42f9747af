import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ReliefRegister } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, isDuplicateKeyError, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { Person } from '../domain/person';

/**
 * People (`persons`, one document each, with its outbox for ReliefStatusChanged) and the person-key
 * claims (`person_keys`, `_id` = the keyed hash) that make "one ID number, one person" a unique-key
 * fact even when two registrations race.
 */
@Injectable()
export class PersonRepository implements OnModuleInit {
  static readonly COLLECTION = 'persons';
  private readonly persons: Collection<Document>;
  private readonly keys: Collection<{ _id: string; personId: string }>;
  private readonly documents: VersionedDocuments<Person, 'personId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.persons = collectionOf(connection, PersonRepository.COLLECTION);
    this.keys = collectionOf(connection, 'person_keys');
    this.documents = new VersionedDocuments(this.persons, 'personId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
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

  async insert(person: Person): Promise<boolean> {
    return this.documents.insert(person, []);
  }

  async get(personId: string): Promise<Versioned<Person> | undefined> {
    return this.documents.get(personId);
  }

  async getMany(personIds: readonly string[]): Promise<Map<string, Person>> {
    return this.documents.getMany(personIds);
  }

  async save(version: number, next: Person, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  /**
   * Every person with a membership of one of the registers, in batches (a cursor over the
   * collection; only the fields a benefit round needs).
   */
  async *withMemberships(registers: readonly ReliefRegister[], batchSize = 5_000): AsyncGenerator<Pick<Person, 'personId' | 'divisionCode' | 'memberships'>[]> {
    const cursor = this.persons.find({ 'memberships.register': { $in: [...registers] } }, { projection: { divisionCode: 1, memberships: 1 } }).batchSize(batchSize);
    let batch: Pick<Person, 'personId' | 'divisionCode' | 'memberships'>[] = [];
    for await (const d of cursor) {
      batch.push({ personId: String(d._id), divisionCode: d.divisionCode, memberships: d.memberships });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}
