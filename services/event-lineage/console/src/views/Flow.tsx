import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useState } from 'react';
import { api, colourOf, EventRecord, Flow, formatDelay, formatTime, shortType, traceUrl } from '../api';
import { Graph } from '../Graph';

const GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'background-color': 'data(colour)',
      color: '#1f2933',
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '140px',
      width: 22,
      height: 22,
    },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
  {
    selector: 'edge',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'text-background-color': '#fff',
      'text-background-opacity': 1,
      'text-background-padding': '2px',
    },
  },
];

/** One flow: its causation graph across services and its timeline; an event opens its details. */
export function FlowView(props: { correlationId: string; zipkinTraceUrl: string | null }) {
  const [flow, setFlow] = useState<Flow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    api
      .flow(props.correlationId)
      .then(setFlow)
      .catch((e: Error) => setError(e.message));
  }, [props.correlationId]);

  const elements = useMemo<ElementDefinition[]>(() => {
    if (!flow) return [];
    const ids = new Set(flow.events.map((e) => e.eventId));
    return [
      ...flow.events.map((e) => ({
        data: { id: e.eventId, label: `${shortType(e.type)}\n${e.sourceService}`, colour: colourOf(e.sourceService) },
      })),
      ...flow.edges
        .filter((e) => ids.has(e.from) && ids.has(e.to))
        .map((e) => ({ data: { id: `${e.from}->${e.to}`, source: e.from, target: e.to, label: formatDelay(e.delayMs) } })),
    ];
  }, [flow]);

  if (error)
    return (
      <p className="error" data-testid="flow-error">
        {error}
      </p>
    );
  if (!flow) return <p>加载中 Loading…</p>;

  const start = flow.events.length ? new Date(flow.events[0].occurredAt).getTime() : 0;
  return (
    <section data-testid="flow-view" data-correlation-id={flow.correlationId}>
      <h2>
        事件流 Flow <code>{flow.correlationId}</code>
      </h2>
      <p className="legend" data-testid="flow-services">
        {flow.services.map((s) => (
          <span key={s} className="chip" style={{ background: colourOf(s) }} data-testid="flow-service">
            {s}
          </span>
        ))}
        <span>
          {flow.events.length} 个事件 events · {flow.edges.length} 条因果 causal links
        </span>
      </p>
      <h3>因果图 Causation graph</h3>
      <Graph elements={elements} style={GRAPH_STYLE} onTapNode={setSelected} testId="causation-graph" height={360} />
      <div className="split">
        <div>
          <h3>时间线 Timeline</h3>
          <ol className="timeline" data-testid="timeline">
            {flow.events.map((e) => (
              <li
                key={e.eventId}
                className={selected === e.eventId ? 'selected' : ''}
                data-testid="timeline-event"
                data-event-id={e.eventId}
                data-type={e.type}
                data-service={e.sourceService}
              >
                <button onClick={() => setSelected(e.eventId)} data-testid="timeline-open">
                  <span className="dot" style={{ background: colourOf(e.sourceService) }} />
                  <span className="when">+{formatDelay(new Date(e.occurredAt).getTime() - start)}</span>
                  <strong title={e.type}>{shortType(e.type)}</strong>
                  <span className="svc">{e.sourceService}</span>
                  {e.subject && <span className="subject">{e.subject}</span>}
                </button>
              </li>
            ))}
          </ol>
        </div>
        <div>{selected && <EventDetail key={selected} eventId={selected} zipkinTraceUrl={props.zipkinTraceUrl} />}</div>
      </div>
    </section>
  );
}

/** An event's record: payload, headers, where it sits in Kafka and a link to its trace. */
export function EventDetail(props: { eventId: string; zipkinTraceUrl: string | null }) {
  const [event, setEvent] = useState<EventRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .event(props.eventId)
      .then(setEvent)
      .catch((e: Error) => setError(e.message));
  }, [props.eventId]);
  if (error) return <p className="error">{error}</p>;
  if (!event) return <p>加载中 Loading…</p>;
  const trace = traceUrl(props.zipkinTraceUrl, event.traceId);
  return (
    <article className="detail" data-testid="event-detail" data-event-id={event.eventId}>
      <h3>
        {event.type} <small>{event.sourceService}</small>
      </h3>
      <dl>
        <dt>事件号 Event id</dt>
        <dd>
          <code>{event.eventId}</code>
        </dd>
        <dt>发生 Occurred</dt>
        <dd>{formatTime(event.occurredAt)}</dd>
        <dt>记录 Recorded</dt>
        <dd>{formatTime(event.recordedAt)}</dd>
        <dt>对象 Subject</dt>
        <dd>{event.subject ?? '—'}</dd>
        <dt>区划 Region</dt>
        <dd>{event.region ?? '—'}</dd>
        <dt>起因 Caused by</dt>
        <dd>{event.causationId ? <code>{event.causationId}</code> : '—'}</dd>
        <dt>位置 Kafka</dt>
        <dd>
          {event.topic} / {event.partition} @ {String(event.offset)}
        </dd>
        <dt>链路 Trace</dt>
        <dd data-testid="event-trace">
          {trace ? (
            <a href={trace} target="_blank" rel="noreferrer" data-testid="trace-link">
              {event.traceId}
            </a>
          ) : (
            (event.traceId ?? '—')
          )}
        </dd>
      </dl>
      <h4>载荷 Payload</h4>
      <pre data-testid="event-payload">{JSON.stringify(event.payload, null, 2)}</pre>
      <h4>消息头 Headers</h4>
      <pre data-testid="event-headers">{JSON.stringify(event.headers ?? {}, null, 2)}</pre>
    </article>
  );
}
