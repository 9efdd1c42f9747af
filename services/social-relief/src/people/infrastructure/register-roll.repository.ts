import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { RegisterRollChange, registerRollEvents } from '../application/register-roll-events';
import type { RegisterMembership } from '../domain/person';
import { rollBucketOf, RollMember } from '../domain/register-roll';

/** One person's entry in a roll bucket. */
export interface RollEntry {
  divisionCode: string;
  memberships: RegisterMembership[];
  /** This person's own version: how many times their entry was written. */
  v: number;
}

/** A change of one person's entry: the entry's next content and what others hear of it. */
export interface RollDecision {
  divisionCode: string;
  memberships: RegisterMembership[];
  changes: RegisterRollChange[];
}

export const rollDocId = (bucket: number) => `roll#${bucket}`;
/** Present once people's memberships written before the roll existed have all been moved onto it. */
const MIGRATED_ID = 'roll#migrated';
const READ_CHUNK = 1_000;
/** Writes that found this person's own entry changed since it was read, before giving up. */
const OWN_ATTEMPTS = 8;
/**
 * Writes in all, counting those that lost to someone else in the same bucket: those are retried
 * at once and never make a change fail (people who share a bucket do not fail each other).
 */
const BUCKET_TRIES = 256;

/**
 * The register roll (`register_roll`): one document per bucket, `{ _id: 'roll#<b>', bucket,
 * version, members: { [personId]: RollEntry }, outbox }`, the outbox holding the ReliefStatusChanged
 * its writes cause. A write is a compare-and-set on the bucket's version, `{_id, version}`: the
 * MongoDB-wire server uses an index only for a filter whose fields are exactly an index's, so a
 * filter on one member (`members.<id>.v`) would read every bucket, under the collection's lock, on
 * every write. A bucket document is created when first needed.
 *
 * A bucket holds many people's entries, each changed on its own (`members.<id>`), so the roll is not
 * one aggregate per document: `change` (one person) and `putIfAbsent` (the move from people's
 * documents) state their decisions about some entries, and the roll's store (`changeFields`) reads
 * them, writes by compare-and-set on the bucket's version with the events, retries lost races and
 * tells the relay.
 */
@Injectable()
export class RegisterRollRepository implements OnModuleInit {
  static readonly COLLECTION = 'register_roll';
  private readonly roll: Collection<Document>;
  /** Writes of a bucket's entries with their events (the store registers the roll with the relay and tells it what each write queued). */
  private readonly writer: AggregateStore<{ _id: string }, '_id', RegisterRollChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.roll = collectionOf(connection, RegisterRollRepository.COLLECTION);
    this.writer = new AggregateStore<{ _id: string }, '_id', RegisterRollChange>({
      collection: this.roll,
      idField: '_id',
      relay,
      events: (changes) => registerRollEvents(changes),
      noun: 'register roll bucket',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.roll.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  /**
   * Changes one person's entry as `decide` says (undefined: leave it), with the events of its
   * changes in the same write, and tells the relay. A write lost to this person's own change is
   * decided again (at most OWN_ATTEMPTS times); one lost to a neighbour in the bucket is retried
   * at once and does not count.
   */
  async change(personId: string, decide: (entry: RollEntry | undefined) => RollDecision | undefined): Promise<void> {
    const path = memberPath(personId);
    const entryOf = (current: Document): RollEntry | undefined => (current.members as Record<string, RollEntry> | undefined)?.[personId];
    await this.writer.changeFields(
      rollDocId(rollBucketOf(personId)),
      [path],
      (current) => {
        const entry = entryOf(current);
        const decision = decide(entry);
        if (!decision) return undefined;
        const next: RollEntry = { divisionCode: decision.divisionCode, memberships: decision.memberships, v: (entry?.v ?? 0) + 1 };
        return { fields: { [path]: next }, changes: decision.changes };
      },
      {
        own: (current) => entryOf(current)?.v ?? 0,
        create: emptyBucket(rollBucketOf(personId)),
        attempts: OWN_ATTEMPTS,
        tries: BUCKET_TRIES,
        conflict: { message: `person ${personId} kept changing; try again`, details: { personId } },
      },
    );
  }

  /**
   * Puts these people on the roll where they are not on it yet (a newer entry stays), with events
   * moved from their documents in the same write (left to the relay's recovery scan to publish).
   */
  async putIfAbsent(bucket: number, members: readonly RollMember[], moved: readonly OutboxEntry[]): Promise<void> {
    const changes: RegisterRollChange[] = moved.length ? [{ type: 'moved-from-person', events: moved }] : [];
    await this.writer.changeFields(
      rollDocId(bucket),
      members.map((m) => memberPath(m.personId)),
      (current) => {
        const present = (current.members ?? {}) as Record<string, RollEntry>;
        const absent = members.filter((m) => !present[m.personId] && m.memberships.length > 0);
        if (absent.length === 0 && changes.length === 0) return undefined;
        const fields = Object.fromEntries(
          absent.map((m) => [memberPath(m.personId), { divisionCode: m.divisionCode, memberships: m.memberships, v: 1 }]),
        );
        return { fields, changes };
      },
      {
        create: emptyBucket(bucket),
        announce: false,
        attempts: BUCKET_TRIES,
        conflict: { message: `register roll bucket ${bucket} kept changing; start again`, details: { bucket } },
      },
    );
  }

  /** The entries of these people that are on the roll, by person id. */
  async entries(personIds: readonly string[]): Promise<Map<string, RollEntry>> {
    const found = new Map<string, RollEntry>();
    for (let i = 0; i < personIds.length; i += READ_CHUNK) {
      const chunk = personIds.slice(i, i + READ_CHUNK);
      const ids = [...new Set(chunk.map((id) => rollDocId(rollBucketOf(id))))];
      const projection = Object.fromEntries(chunk.map((id) => [memberPath(id), 1]));
      for (const doc of await this.roll.find({ _id: { $in: ids as never[] } }, { projection }).toArray()) {
        for (const [id, entry] of Object.entries((doc.members ?? {}) as Record<string, RollEntry>)) found.set(id, entry);
      }
    }
    return found;
  }

  /** The people with at least one membership in each of these buckets; a bucket never written is absent. */
  async buckets(bucketNumbers: readonly number[]): Promise<Map<number, RollMember[]>> {
    const docs = await this.roll
      .find({ _id: { $in: bucketNumbers.map(rollDocId) as never[] } }, { projection: { bucket: 1, members: 1 } })
      .toArray();
    return new Map(
      docs.map((d) => [
        d.bucket as number,
        Object.entries((d.members ?? {}) as Record<string, RollEntry>)
          .filter(([, e]) => e.memberships.length > 0)
          .map(([personId, e]) => ({ personId, divisionCode: e.divisionCode, memberships: e.memberships })),
      ]),
    );
  }

  async migrated(): Promise<boolean> {
    return (await this.roll.findOne({ _id: MIGRATED_ID as never }, { projection: { _id: 1 } })) !== null;
  }

  async markMigrated(at: Date): Promise<void> {
    try {
      await this.roll.insertOne({ _id: MIGRATED_ID as never, at });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
}

/** A bucket document before its first entry. */
const emptyBucket = (bucket: number) => () => ({ bucket, members: {}, outbox: [] });

/** Where a person's entry is; a dot or a dollar in the id would name another place. */
function memberPath(personId: string): string {
  if (!/^[\w-]+$/.test(personId)) throw new Error(`person id ${JSON.stringify(personId)} cannot name a roll entry`);
  return `members.${personId}`;
}
