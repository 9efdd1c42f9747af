import { FormEvent, useState } from 'react';
import { api, colourOf, EventRecord, EventQuery, FlowSummary, formatTime, shortType } from '../api';

type Field = 'correlationId' | 'eventId' | 'subject' | 'type' | 'from' | 'to';

const FIELDS: { name: Field; label: string; placeholder?: string; type?: string }[] = [
  { name: 'correlationId', label: '关联号 Correlation id' },
  { name: 'eventId', label: '事件号 Event id' },
  { name: 'subject', label: '对象 Subject', placeholder: '机构、案件、家庭、申请、殡葬案件… unit / case / household id' },
  { name: 'type', label: '事件类型 Event type', placeholder: 'ReportMissed' },
  { name: 'from', label: '起 From', type: 'datetime-local' },
  { name: 'to', label: '止 To', type: 'datetime-local' },
];

const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Flows and events by correlation id, event id, subject, or a time window and event type. */
export function SearchView() {
  const [form, setForm] = useState<Record<Field, string>>({ correlationId: '', eventId: '', subject: '', type: '', from: '', to: '' });
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [events, setEvents] = useState<EventRecord[] | null>(null);
  const [nextCursor, setNext] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const eventQuery = (): EventQuery => ({
    correlationId: form.correlationId.trim() || undefined,
    eventId: form.eventId.trim() || undefined,
    subject: form.subject.trim() || undefined,
    type: form.type.trim() || undefined,
    from: iso(form.from),
    to: iso(form.to),
  });

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const q = eventQuery();
    if (Object.values(q).every((v) => v === undefined)) {
      setError('请至少填写一项 Give at least one filter or a time window');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const [ev, fl] = await Promise.all([
        api.events({ ...q, limit: 100 }),
        q.correlationId
          ? Promise.resolve({ items: [] as FlowSummary[] })
          : api.flows({ subject: q.subject, type: q.type, from: q.from, to: q.to, eventId: q.eventId }),
      ]);
      setEvents(ev.items);
      setNext(ev.nextCursor);
      const flowItems = fl.items;
      // a correlation id is one flow: list it from its events
      if (q.correlationId && ev.items.length > 0) {
        const times = ev.items.map((i) => i.occurredAt).sort();
        flowItems.push({
          correlationId: q.correlationId,
          firstAt: times[0],
          lastAt: times[times.length - 1],
          eventCount: ev.items.length,
          types: [...new Set(ev.items.map((i) => i.type))],
          services: [...new Set(ev.items.map((i) => i.sourceService))],
        });
      }
      setFlows(flowItems);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const more = async () => {
    if (!nextCursor) return;
    const ev = await api.events({ ...eventQuery(), limit: 100, cursor: nextCursor });
    setEvents((prev) => [...(prev ?? []), ...ev.items]);
    setNext(ev.nextCursor);
  };

  return (
    <section>
      <h2>检索 Search</h2>
      <form className="search" onSubmit={search} data-testid="search-form">
        {FIELDS.map((f) => (
          <label key={f.name}>
            <span>{f.label}</span>
            <input
              type={f.type ?? 'text'}
              value={form[f.name]}
              placeholder={f.placeholder}
              onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
              data-testid={`search-${f.name}`}
            />
          </label>
        ))}
        <button type="submit" disabled={busy} data-testid="search-submit">
          {busy ? '检索中…' : '检索 Search'}
        </button>
      </form>
      {error && (
        <p className="error" data-testid="search-error">
          {error}
        </p>
      )}
      {flows && (
        <>
          <h3>事件流 Flows ({flows.length})</h3>
          <table data-testid="flow-results">
            <thead>
              <tr>
                <th>关联号 Correlation</th>
                <th>开始 First</th>
                <th>最后 Last</th>
                <th>事件数 Events</th>
                <th>服务 Services</th>
                <th>类型 Types</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => (
                <tr key={f.correlationId} data-testid="flow-row" data-correlation-id={f.correlationId}>
                  <td>
                    <a href={`#/flows/${encodeURIComponent(f.correlationId)}`} data-testid="flow-link">
                      {f.correlationId}
                    </a>
                  </td>
                  <td>{formatTime(f.firstAt)}</td>
                  <td>{formatTime(f.lastAt)}</td>
                  <td>{f.eventCount}</td>
                  <td>
                    {f.services.map((s) => (
                      <span key={s} className="chip" style={{ background: colourOf(s) }}>
                        {s}
                      </span>
                    ))}
                  </td>
                  <td>{f.types.map(shortType).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {events && (
        <>
          <h3>事件 Events ({events.length})</h3>
          <table data-testid="event-results">
            <thead>
              <tr>
                <th>发生 Occurred</th>
                <th>类型 Type</th>
                <th>服务 Service</th>
                <th>对象 Subject</th>
                <th>区划 Region</th>
                <th>事件流 Flow</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.eventId} data-testid="event-row" data-event-id={e.eventId}>
                  <td>{formatTime(e.occurredAt)}</td>
                  <td title={e.type}>{shortType(e.type)}</td>
                  <td>
                    <span className="chip" style={{ background: colourOf(e.sourceService) }}>
                      {e.sourceService}
                    </span>
                  </td>
                  <td>{e.subject ?? '—'}</td>
                  <td>{e.region ?? '—'}</td>
                  <td>{e.correlationId ? <a href={`#/flows/${encodeURIComponent(e.correlationId)}`}>{e.correlationId}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {nextCursor && (
            <button onClick={more} data-testid="search-more">
              更多 More
            </button>
          )}
        </>
      )}
      {flows && events && flows.length === 0 && events.length === 0 && <p data-testid="search-empty">无结果 Nothing found</p>}
    </section>
  );
}
