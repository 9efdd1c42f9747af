import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { EventRecord } from '../../ingestion/domain/lineage-record';
import { EventRecordDoc } from '../../ingestion/application/read-record';
import { LineageStore } from '../../ingestion/infrastructure/lineage.store';
import { sees, Viewer } from '../domain/visibility';
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

/**
 * Events by correlation id (from the flow's document) or event id (from its keyed document), or
 * by subject, type and time window (a scan), newest first, a page at a time.
 */
@Injectable()
export class FindEvents {
  constructor(private readonly store: LineageStore) {}

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
    } else {
      const filter: Record<string, unknown> = { ...visibleFilter(viewer) };
      if (q.subject) filter.subject = q.subject;
      if (q.type) filter.type = q.type;
      if (q.from || q.to) filter.at = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (after) filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
      docs = await this.store.events
        .find(filter, { projection: { payload: 0, headers: 0, payloadText: 0 } })
        .sort({ at: -1, _id: -1 })
        .limit(q.limit + 1)
        .toArray();
    }
    const page = docs.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => eventView(d, { payload: false, headers: false })),
      ...(docs.length > q.limit && last ? { nextCursor: encodeCursor(timeOf(last), last._id) } : {}),
    };
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
    // one exact-key lookup each: the embedded database uses the _id index for these, not for $in
    const found = await Promise.all(ids.map((id) => this.store.events.findOne({ _id: id })));
    return found.filter((d): d is EventRecordDoc => !!d);
  }
}
