import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { EventRecord } from '../../ingestion/domain/lineage-record';
import { EventRecordDoc } from '../../ingestion/application/read-record';
import { LineageStore } from '../../ingestion/infrastructure/lineage.store';
import { daysOf, hoursOf, KeyMember, subjectKey, typeHourKey } from '../../ingestion/infrastructure/lookup-keys';
import { regionAncestors, sees, Viewer } from '../domain/visibility';
import { decodeCursor, encodeCursor } from './cursor';
import { eventView, visibleFilter } from './event-views';

export interface EventQuery {
  correlationId?: string;
  eventId?: string;
  subject?: string;
  type?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

const timeOf = (d: EventRecordDoc): Date => d.at;

/** The longest window a subject or type lookup reads by key; without a window, the 31 days up to tomorrow. */
export const KEYED_WINDOW_DAYS = 31;
const DAY_MS = 86_400_000;
/** Lookup documents read at once ($in of their ids). */
const KEYS_AT_ONCE = 200;
/** Type directories (hours) read at once, newest first, until a page is full. */
const HOURS_AT_ONCE = 24;

/** Newest first, then by record id descending: the order of every list. */
const byTimeDesc = (a: { at: Date; id: string }, b: { at: Date; id: string }) =>
  b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Events by correlation id (from the flow's document) or event id (from its keyed document), by
 * subject or type within a window of up to KEYED_WINDOW_DAYS (from the `lookup_keys` documents),
 * or by a time window alone or a longer one (a scan), newest first, a page at a time.
 */
@Injectable()
export class FindEvents {
  constructor(
    private readonly store: LineageStore,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async find(viewer: Viewer, q: EventQuery): Promise<{ items: EventRecord[]; nextCursor?: string }> {
    if (!q.correlationId && !q.eventId && !q.subject && !q.type && !q.from && !q.to)
      throw DomainError.invalid('FilterRequired', 'give at least one of correlationId, eventId, subject, type, or a from/to window', {
        field: 'correlationId',
      });
    let docs: EventRecordDoc[];
    if (q.eventId || q.correlationId) {
      docs = q.eventId ? await this.recordsOfEvent(q.eventId) : await this.recordsOfFlow(q.correlationId!);
      docs = docs.filter(
        (d) =>
          sees(viewer, d.region) &&
          (!q.correlationId || d.correlationId === q.correlationId) &&
          (!q.subject || d.subject === q.subject) &&
          (!q.type || d.type === q.type) &&
          (!q.from || timeOf(d) >= q.from) &&
          (!q.to || timeOf(d) < q.to),
      );
      docs.sort((a, b) => timeOf(b).getTime() - timeOf(a).getTime() || (a._id < b._id ? 1 : -1));
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (after) docs = docs.filter((d) => timeOf(d) < after.at || (timeOf(d).getTime() === after.at.getTime() && d._id < after.id));
      docs = docs.slice(0, q.limit + 1);
    } else if (q.subject || q.type) {
      docs = (await this.byKeys(viewer, q)) ?? (await this.scan(viewer, q));
    } else {
      docs = await this.scan(viewer, q);
    }
    const page = docs.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => eventView(d, { payload: false, headers: false })),
      ...(docs.length > q.limit && last ? { nextCursor: encodeCursor(timeOf(last), last._id) } : {}),
    };
  }

  /** A page (limit + 1) through `events` itself: served by its indexes on MongoDB, a scan on the embedded database. */
  private async scan(viewer: Viewer, q: EventQuery): Promise<EventRecordDoc[]> {
    const filter: Record<string, unknown> = { ...visibleFilter(viewer) };
    if (q.subject) filter.subject = q.subject;
    if (q.type) filter.type = q.type;
    if (q.from || q.to) filter.at = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (after) filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
    return this.store.events
      .find(filter, { projection: { payload: 0, headers: 0, payloadText: 0 } })
      .sort({ at: -1, _id: -1 })
      .limit(q.limit + 1)
      .toArray();
  }

  /**
   * A page (limit + 1) by subject (its day documents) or else by type (its hour directories, newest
   * hours first until the page is full), filtered by the members' time, type and region before the
   * events are fetched by id. Undefined when the window is longer than KEYED_WINDOW_DAYS.
   */
  private async byKeys(viewer: Viewer, q: EventQuery): Promise<EventRecordDoc[] | undefined> {
    const to = q.to ?? new Date(this.clock.now().getTime() + DAY_MS);
    const from = q.from ?? new Date(to.getTime() - KEYED_WINDOW_DAYS * DAY_MS);
    if (to.getTime() - from.getTime() > KEYED_WINDOW_DAYS * DAY_MS) return undefined;
    if (from >= to) return [];
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const reach = (r: string | undefined) => viewer.national || regionAncestors(r).includes(viewer.jurisdiction);
    const wanted = (m: KeyMember) =>
      m.at >= from &&
      m.at < to &&
      // by subject the members carry their type; by type every member has it
      (!q.type || !q.subject || m.t === q.type) &&
      reach(m.r) &&
      (!after || byTimeDesc({ at: after.at, id: after.id }, { at: m.at, id: m.k }) < 0);
    const found = new Map<string, KeyMember>();
    if (q.subject) {
      for (const m of await this.members(daysOf(from, to).map((d) => subjectKey(q.subject!, d)))) if (wanted(m)) found.set(m.k, m);
    } else {
      const hours = hoursOf(from, after && after.at < to ? new Date(after.at.getTime() + 1) : to);
      for (let i = 0; i < hours.length && found.size <= q.limit; i += HOURS_AT_ONCE) {
        const dirs = await this.keyDocs(hours.slice(i, i + HOURS_AT_ONCE).map((h) => typeHourKey(q.type!, h)));
        const chunks = dirs.flatMap((d) => (d.chunks ?? []).map((c) => `${d._id}#${c}`));
        for (const m of await this.members(chunks)) if (wanted(m)) found.set(m.k, m);
      }
    }
    const ids = [...found.values()]
      .sort((a, b) => byTimeDesc({ at: a.at, id: a.k }, { at: b.at, id: b.k }))
      .slice(0, q.limit + 1)
      .map((m) => m.k);
    const docs = await this.byIdsAtOnce(ids);
    // the events themselves decide (a lookup may name a record not yet stored: it is left out)
    return docs
      .filter((d) => (!q.subject || d.subject === q.subject) && (!q.type || d.type === q.type) && reach(d.region))
      .sort((a, b) => byTimeDesc({ at: a.at, id: a._id }, { at: b.at, id: b._id }));
  }

  private async members(keys: readonly string[]): Promise<KeyMember[]> {
    return (await this.keyDocs(keys)).flatMap((d) => d.members ?? []);
  }

  private async keyDocs(keys: readonly string[]) {
    const slices: string[][] = [];
    for (let i = 0; i < keys.length; i += KEYS_AT_ONCE) slices.push(keys.slice(i, i + KEYS_AT_ONCE));
    return (await Promise.all(slices.map((ids) => this.store.lookupKeys.find({ _id: { $in: ids } }).toArray()))).flat();
  }

  /** Events by their ids, $in on `_id` (one exact-key lookup each on the embedded database as well). */
  private async byIdsAtOnce(ids: readonly string[]): Promise<EventRecordDoc[]> {
    if (ids.length === 0) return [];
    return this.store.events.find({ _id: { $in: [...ids] } }, { projection: { payload: 0, headers: 0, payloadText: 0 } }).toArray();
  }

  /** One event with its payload and headers; outside the caller's reach it is answered as unknown. */
  async get(viewer: Viewer, eventId: string): Promise<EventRecord> {
    const [doc] = await this.recordsOfEvent(eventId, true);
    if (!doc || !sees(viewer, doc.region)) throw DomainError.notFound('EventNotFound', `no event ${eventId}`, { eventId });
    return eventView(doc, { payload: true, headers: true });
  }

  /** The records of an event: the first stored, then copies a replay wrote (found through the flow). */
  async recordsOfEvent(eventId: string, firstOnly = false): Promise<EventRecordDoc[]> {
    let first = await this.store.events.findOne({ _id: eventId });
    if (!first) {
      const ref = await this.store.eventIds.findOne({ _id: eventId });
      first = ref ? await this.store.events.findOne({ _id: ref.k }) : null;
    }
    if (!first) return [];
    if (firstOnly || !first.correlationId) return [first];
    return (await this.recordsOfFlow(first.correlationId)).filter((d) => d.eventId === eventId);
  }

  /** Every stored record of a flow, by the record ids its document lists. */
  async recordsOfFlow(correlationId: string): Promise<EventRecordDoc[]> {
    const flow = await this.store.flows.findOne({ _id: correlationId });
    if (!flow) return [];
    const ids = [...new Set(flow.members.map((m) => m.k))];
    return this.byIds(ids);
  }

  async byIds(ids: readonly string[]): Promise<EventRecordDoc[]> {
    // one exact-key lookup each, in parallel (an $in on _id is served by the _id index as well)
    const found = await Promise.all(ids.map((id) => this.store.events.findOne({ _id: id })));
    return found.filter((d): d is EventRecordDoc => !!d);
  }
}
