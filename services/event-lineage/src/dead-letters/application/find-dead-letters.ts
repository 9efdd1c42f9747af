import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { DeadLetter, EventRecord, recordId, Replay } from '../../ingestion/domain/lineage-record';
import { DeadLetterDoc } from '../../ingestion/application/read-record';
import { LineageStore } from '../../ingestion/infrastructure/lineage.store';
import { decodeCursor, encodeCursor } from '../../lookups/application/cursor';
import { eventView, visibleFilter } from '../../lookups/application/event-views';
import { FindEvents } from '../../lookups/application/find-events';
import { sees, Viewer } from '../../lookups/domain/visibility';
import { deadLetterView } from './dead-letter-views';

export interface DeadLetterQuery {
  topic?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

/** Dead letters, newest first, and one with its replays and what they caused. */
@Injectable()
export class FindDeadLetters {
  constructor(
    private readonly store: LineageStore,
    private readonly events: FindEvents,
  ) {}

  async list(viewer: Viewer, q: DeadLetterQuery): Promise<{ items: DeadLetter[]; nextCursor?: string }> {
    const filter: Record<string, unknown> = { ...visibleFilter(viewer) };
    if (q.topic) filter.originalTopic = q.topic.replace(/\.dlt$/, '');
    if (q.from || q.to) filter.failedAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (after) filter.$or = [{ failedAt: { $lt: after.at } }, { failedAt: after.at, _id: { $lt: after.id } }];
    const docs = await this.store.deadLetters
      .find(filter, { projection: { valueBase64: 0, keyBase64: 0, replays: 0 } })
      .sort({ failedAt: -1, _id: -1 })
      .limit(q.limit + 1)
      .toArray();
    const page = docs.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(deadLetterView),
      ...(docs.length > q.limit && last ? { nextCursor: encodeCursor(last.failedAt, last._id) } : {}),
    };
  }

  /** The dead letter if the caller sees it; outside its reach it is answered as unknown. */
  async load(viewer: Viewer, id: string): Promise<DeadLetterDoc> {
    const doc = await this.store.deadLetters.findOne({ _id: id });
    if (!doc || !sees(viewer, doc.region)) throw DomainError.notFound('DeadLetterNotFound', `no dead letter ${id}`, { id });
    return doc;
  }

  /**
   * With its replays and what they caused: the records each replay wrote, and the events whose
   * cause is the replayed event and that the broker recorded after the replayed copy.
   */
  async get(viewer: Viewer, id: string): Promise<DeadLetter & { replays: Replay[]; caused: EventRecord[] }> {
    const doc = await this.load(viewer, id);
    const replays = (doc.replays ?? []) as Replay[];
    const copies = await this.events.byIds(replays.map((r) => recordId(doc.originalTopic, r.partition, r.offset)));
    const caused = new Map<string, EventRecord>();
    for (const copy of copies) {
      if (!sees(viewer, copy.region)) continue;
      caused.set(copy._id, eventView(copy, { payload: true, headers: false }));
      if (!copy.correlationId || !copy.eventId) continue;
      for (const e of await this.events.recordsOfFlow(copy.correlationId)) {
        if (e.causationId === copy.eventId && e.eventId !== copy.eventId && e.recordedAt >= copy.recordedAt && sees(viewer, e.region))
          caused.set(e._id, eventView(e, { payload: true, headers: false }));
      }
    }
    return { ...deadLetterView(doc), replays, caused: [...caused.values()] };
  }
}
