import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { EventRecord } from '../../ingestion/domain/lineage-record';
import { FlowDoc, LineageStore } from '../../ingestion/infrastructure/lineage.store';
import { causalOrder, FlowEdge } from '../domain/causal-order';
import { sees, Viewer } from '../domain/visibility';
import { eventView } from './event-views';
import { FindEvents } from './find-events';

export interface FlowSummary {
  correlationId: string;
  firstAt: string;
  lastAt: string;
  eventCount: number;
  types: string[];
  services: string[];
}

export interface FlowQuery {
  subject?: string;
  type?: string;
  from?: Date;
  to?: Date;
  eventId?: string;
  limit: number;
}

/** Flows (the events sharing a correlation id) found by what they contain, and one flow in causal order. */
@Injectable()
export class FindFlows {
  constructor(
    private readonly store: LineageStore,
    private readonly events: FindEvents,
  ) {}

  async list(viewer: Viewer, q: FlowQuery): Promise<{ items: FlowSummary[] }> {
    if (!q.subject && !q.type && !q.from && !q.to && !q.eventId)
      throw DomainError.invalid('FilterRequired', 'give at least one of subject, type, eventId, or a from/to window', { field: 'subject' });
    let flows: FlowDoc[];
    if (q.eventId) {
      const [record] = await this.events.recordsOfEvent(q.eventId, true);
      const flow =
        record?.correlationId && sees(viewer, record.region) ? await this.store.flows.findOne({ _id: record.correlationId }) : null;
      flows = flow ? [flow] : [];
    } else {
      const filter: Record<string, unknown> = {};
      if (q.subject) filter['members.sj'] = q.subject;
      if (q.type) filter['members.t'] = q.type;
      // a flow overlapping the window
      if (q.from) filter.lastAt = { $gte: q.from };
      if (q.to) filter.firstAt = { $lt: q.to };
      flows = await this.store.flows
        .find(filter)
        .sort({ lastAt: -1 })
        .limit(q.limit * 4)
        .toArray();
    }
    // a flow matched through an event the caller does not see is not shown for it
    const matches = (m: FlowDoc['members'][number]) =>
      sees(viewer, m.r) && (!q.subject || m.sj === q.subject) && (!q.type || m.t === q.type);
    const items = flows
      .filter((f) => q.eventId !== undefined || f.members.some(matches))
      .map((f) => summaryOf(viewer, f))
      .filter((s): s is FlowSummary => !!s)
      .slice(0, q.limit);
    return { items };
  }

  async get(
    viewer: Viewer,
    correlationId: string,
  ): Promise<{ correlationId: string; events: EventRecord[]; edges: FlowEdge[]; services: string[] }> {
    const docs = (await this.events.recordsOfFlow(correlationId)).filter((d) => sees(viewer, d.region));
    // a flow the caller sees nothing of is answered as one that does not exist
    if (docs.length === 0) throw DomainError.notFound('FlowNotFound', `no flow ${correlationId}`, { correlationId });
    const views = docs.map((d) => eventView(d, { payload: true, headers: false }));
    const { events, edges } = causalOrder(views);
    const services = [...new Set(events.map((e) => e.sourceService).filter((s): s is string => !!s))];
    return { correlationId, events, edges, services };
  }
}

/** What the caller sees of a flow, or nothing when none of its events is in the caller's reach. */
function summaryOf(viewer: Viewer, flow: FlowDoc): FlowSummary | undefined {
  const seen = new Map<string, FlowDoc['members'][number]>();
  for (const m of flow.members) if (sees(viewer, m.r)) seen.set(m.k, m);
  const members = [...seen.values()];
  if (members.length === 0) return undefined;
  const times = members.map((m) => new Date(m.at).getTime());
  return {
    correlationId: flow._id,
    firstAt: new Date(Math.min(...times)).toISOString(),
    lastAt: new Date(Math.max(...times)).toISOString(),
    eventCount: members.length,
    types: [...new Set(members.map((m) => m.t).filter((t): t is string => !!t))],
    services: [...new Set(members.map((m) => m.s).filter((s): s is string => !!s))],
  };
}
