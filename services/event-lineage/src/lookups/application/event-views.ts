import { Principal } from '@civil/platform';
import { EventRecord } from '../../ingestion/domain/lineage-record';
import { EventRecordDoc } from '../../ingestion/application/read-record';
import { NATIONAL_JURISDICTION, Viewer } from '../domain/visibility';

/** The national level (全国): the national administrator, or a `00` jurisdiction. */
export function viewerOf(principal: Principal): Viewer {
  return {
    jurisdiction: principal.jurisdiction,
    national: principal.jurisdiction === NATIONAL_JURISDICTION || principal.roles.includes('national-admin'),
  };
}

/** The filter that keeps a query to what the viewer sees (see `sees`). */
export function visibleFilter(viewer: Viewer): Record<string, unknown> {
  return viewer.national ? {} : { regionAncestors: viewer.jurisdiction };
}

/** A stored record as the API shows it; `detail` adds the headers (and the raw text of an unreadable record). */
export function eventView(doc: EventRecordDoc, detail: { payload: boolean; headers: boolean }): EventRecord {
  const view: EventRecord = {
    eventId: doc.eventId,
    type: doc.type,
    sourceService: doc.sourceService,
    subject: doc.subject,
    region: doc.region,
    correlationId: doc.correlationId,
    causationId: doc.causationId,
    traceId: doc.traceId,
    occurredAt: doc.occurredAt?.toISOString(),
    recordedAt: doc.recordedAt.toISOString(),
    topic: doc.topic,
    partition: doc.partition,
    offset: doc.offset,
  };
  if (doc.unreadable) view.unreadable = doc.unreadable;
  if (doc.replayOf) view.replayOf = doc.replayOf;
  if (detail.payload) {
    if (doc.payload !== undefined) view.payload = doc.payload;
    if (doc.payloadText !== undefined) view.payloadText = doc.payloadText;
  }
  if (detail.headers) {
    view.headers = doc.headers;
    view.key = doc.key;
  }
  for (const k of Object.keys(view) as (keyof EventRecord)[]) if (view[k] === undefined) delete view[k];
  return view;
}
