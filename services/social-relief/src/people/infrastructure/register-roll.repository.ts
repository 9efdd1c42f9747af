import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, ConcurrentChangeError, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
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

/** Part of a bucket as read for a write: the version the write must still find, and some entries. */
export interface RollRead {
  version: number;
  members: Record<string, RollEntry>;
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
 * one aggregate per document and is written here rather than by an aggregate store: `change` (one
 * person) and `putIfAbsent` (the move from people's documents) hold the compare-and-set, register
 * the roll's outbox with the relay and tell it what each write queued.
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
    const bucket = rollBucketOf(personId);
    let ownAttempts = 0;
    let triedAt: number | undefined;
    for (let tries = 0; tries < BUCKET_TRIES; tries++) {
      const read = await this.read(bucket, [personId]);
      const entry: RollEntry | undefined = read.members[personId];
      const v = entry?.v ?? 0;
      // a write lost to this person's own change is a new attempt; one lost to a neighbour is not
      if (v !== triedAt && ++ownAttempts > OWN_ATTEMPTS) break;
      triedAt = v;
      const decision = decide(entry);
      if (!decision) return;
      const next: RollEntry = { divisionCode: decision.divisionCode, memberships: decision.memberships, v: v + 1 };
      if (await this.write(bucket, read.version, { [personId]: next }, decision.changes)) return;
    }
    throw new ConcurrentChangeError(`person ${personId} kept changing; try again`, { personId });
  }

  /**
   * Puts these people on the roll where they are not on it yet (a newer entry stays), with events
   * moved from their documents in the same write (left to the relay's recovery scan to publish).
   */
  async putIfAbsent(bucket: number, members: readonly RollMember[], moved: readonly OutboxEntry[]): Promise<void> {
    const changes: RegisterRollChange[] = moved.length ? [{ type: 'moved-from-person', events: moved }] : [];
    for (let tries = 0; tries < BUCKET_TRIES; tries++) {
      const read = await this.read(
        bucket,
        members.map((m) => m.personId),
      );
      const absent = members.filter((m) => !read.members[m.personId] && m.memberships.length > 0);
      if (absent.length === 0 && changes.length === 0) return;
      const entries = Object.fromEntries(
        absent.map((m) => [m.personId, { divisionCode: m.divisionCode, memberships: m.memberships, v: 1 }]),
      );
      if (await this.write(bucket, read.version, entries, changes, false)) return;
    }
    throw new ConcurrentChangeError(`register roll bucket ${bucket} kept changing; start again`, { bucket });
  }

  /** The bucket's version and the entries of these people (those on the roll); creates the bucket if missing. */
  private async read(bucket: number, personIds: readonly string[]): Promise<RollRead> {
    const projection = Object.fromEntries([['version', 1], ...personIds.map((id) => [memberPath(id), 1])]);
    const doc = await this.roll.findOne({ _id: rollDocId(bucket) as never }, { projection });
    if (doc) return { version: doc.version as number, members: doc.members ?? {} };
    try {
      await this.roll.insertOne({ _id: rollDocId(bucket) as never, bucket, version: 1, members: {}, outbox: [] });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    return this.read(bucket, personIds);
  }

  /** Writes these entries and their events if the bucket is still at `version`; false if someone wrote since. */
  private write(
    bucket: number,
    version: number,
    entries: Record<string, RollEntry>,
    changes: readonly RegisterRollChange[],
    announce = true,
  ): Promise<boolean> {
    const fields = Object.fromEntries(Object.entries(entries).map(([id, e]) => [memberPath(id), e]));
    return this.writer.setFieldsIf(rollDocId(bucket), version, fields, changes, announce);
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

/** Where a person's entry is; a dot or a dollar in the id would name another place. */
function memberPath(personId: string): string {
  if (!/^[\w-]+$/.test(personId)) throw new Error(`person id ${JSON.stringify(personId)} cannot name a roll entry`);
  return `members.${personId}`;
}
