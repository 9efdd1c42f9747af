import type { AnyBulkWriteOperation } from 'mongodb';
import { EventRecordDoc } from '../application/read-record';

/**
 * Keyed lookup documents (collection `lookup_keys`), so that events by subject, and by type in a
 * time window, are found by exact keys on any MongoDB-wire database (the embedded one builds no
 * secondary index, and uses the `_id` index for one value or an `$in`, never for a range):
 *
 * - `s|<subject>|<YYYY-MM-DD>` (the UTC day of `at`): the events of that subject that day, as
 *   members `{ k, at, t?, r? }`;
 * - `t|<type>|<YYYY-MM-DDTHH>` (the UTC hour of `at`): a directory, `chunks` naming the chunk
 *   documents `t|<type>|<hour>#<topic>|<partition>|<offset / CHUNK_OFFSETS>` that hold the members
 *   `{ k, at, r? }` of the records stored from that stretch of the partition. A chunk lists at most
 *   CHUNK_OFFSETS records, so no document grows with the rate of a type: a burst (a deadline sweep)
 *   adds chunks, each small, to one directory.
 *
 * Members are `$addToSet`: the same record yields the same member, so storing a batch again adds
 * nothing. `k` is the record id in `events`; `at` its time (occurredAt, else recordedAt); `r` its
 * region, so a read filters the caller's reach before fetching events.
 */
export const CHUNK_OFFSETS = 2000;

export interface KeyMember {
  k: string;
  at: Date;
  t?: string;
  r?: string;
}

export interface LookupKeyDoc {
  _id: string;
  members?: KeyMember[];
  chunks?: string[];
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const hourOf = (at: Date) => at.toISOString().slice(0, 13);

export const subjectKey = (subject: string, day: string) => `s|${subject}|${day}`;
export const typeHourKey = (type: string, hour: string) => `t|${type}|${hour}`;

/** The UTC days (`YYYY-MM-DD`) of [from, to), newest first. */
export function daysOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const first = Date.parse(`${dayOf(from)}T00:00:00Z`);
  for (let t = Date.parse(`${dayOf(new Date(to.getTime() - 1))}T00:00:00Z`); t >= first; t -= 86_400_000) out.push(dayOf(new Date(t)));
  return out;
}

/** The UTC hours (`YYYY-MM-DDTHH`) of [from, to), newest first. */
export function hoursOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const first = Math.floor(from.getTime() / 3_600_000) * 3_600_000;
  for (let t = Math.floor((to.getTime() - 1) / 3_600_000) * 3_600_000; t >= first; t -= 3_600_000) out.push(hourOf(new Date(t)));
  return out;
}

/**
 * The upserts of a batch's lookup documents, one per key (members of one key grouped), and the
 * directory entries they need (`dir` → chunk ids) — left out when `known` says the directory
 * already lists them.
 */
export function lookupKeyOps(
  events: readonly EventRecordDoc[],
  known: (dir: string, chunk: string) => boolean,
): { ops: AnyBulkWriteOperation<LookupKeyDoc>[]; entries: [string, string][] } {
  const members = new Map<string, KeyMember[]>();
  const dirs = new Map<string, Set<string>>();
  const add = (key: string, m: KeyMember) => {
    const list = members.get(key);
    if (list) list.push(m);
    else members.set(key, [m]);
  };
  for (const e of events) {
    const base: KeyMember = { k: e._id, at: e.at };
    if (e.subject) {
      const m: KeyMember = { ...base };
      if (e.type) m.t = e.type;
      if (e.region) m.r = e.region;
      add(subjectKey(e.subject, dayOf(e.at)), m);
    }
    if (e.type) {
      const m: KeyMember = { ...base };
      if (e.region) m.r = e.region;
      const dir = typeHourKey(e.type, hourOf(e.at));
      const chunk = `${e.topic}|${e.partition}|${Math.floor(e.offset / CHUNK_OFFSETS)}`;
      add(`${dir}#${chunk}`, m);
      if (!known(dir, chunk)) {
        const set = dirs.get(dir) ?? new Set<string>();
        set.add(chunk);
        dirs.set(dir, set);
      }
    }
  }
  const ops: AnyBulkWriteOperation<LookupKeyDoc>[] = [];
  for (const [key, list] of members)
    ops.push({ updateOne: { filter: { _id: key }, update: { $addToSet: { members: { $each: list } } }, upsert: true } });
  for (const [dir, chunks] of dirs)
    ops.push({ updateOne: { filter: { _id: dir }, update: { $addToSet: { chunks: { $each: [...chunks] } } }, upsert: true } });
  return { ops, entries: [...dirs].flatMap(([dir, chunks]) => [...chunks].map((c): [string, string] => [dir, c])) };
}
