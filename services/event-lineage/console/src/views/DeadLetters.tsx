import { FormEvent, useCallback, useEffect, useState } from 'react';
import { api, ApiError, colourOf, DeadLetter, DeadLetterDetail, formatTime, ReplayResult, shortType } from '../api';

/**
 * Dead letters: the list (reason, origin, attempts), one letter's detail, and replay of the
 * selected letters with a reason; a single letter may be replayed with a repaired payload. After a
 * replay the detail shows the events it caused, as they arrive.
 */
export function DeadLettersView(props: { selectedId?: string; canReplay: boolean; go: (to: string) => void }) {
  const [topic, setTopic] = useState('');
  const [items, setItems] = useState<DeadLetter[] | null>(null);
  const [nextCursor, setNext] = useState<string | undefined>();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [lastReplay, setLastReplay] = useState<ReplayResult | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await api.deadLetters({ topic: topic.trim() || undefined, limit: 100 });
      setItems(page.items);
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [topic]);

  useEffect(() => {
    void load();
    // the topic filter applies on submit, not per keystroke
  }, []);

  const more = async () => {
    if (!nextCursor) return;
    const page = await api.deadLetters({ topic: topic.trim() || undefined, limit: 100, cursor: nextCursor });
    setItems((prev) => [...(prev ?? []), ...page.items]);
    setNext(page.nextCursor);
  };

  const toggle = (id: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const single = checked.size === 1 ? items?.find((d) => checked.has(d.id)) : undefined;

  return (
    <section data-testid="dead-letters-view">
      <h2>死信 Dead letters</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <input value={topic} onChange={(e) => setTopic(e.target.value)} placeholder="原主题 Original topic" data-testid="dlq-topic" />
        <button type="submit" data-testid="dlq-refresh">
          刷新 Refresh
        </button>
      </form>
      {error && (
        <p className="error" data-testid="dlq-error">
          {error}
        </p>
      )}
      {items && (
        <table data-testid="dead-letter-list">
          <thead>
            <tr>
              <th />
              <th>失败 Failed</th>
              <th>类型 Type</th>
              <th>来源 Origin</th>
              <th>消费组 Group</th>
              <th>原因 Reason</th>
              <th>尝试 Attempts</th>
              <th>重放 Replays</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr
                key={d.id}
                data-testid="dead-letter-row"
                data-id={d.id}
                data-event-id={d.eventId ?? ''}
                className={props.selectedId === d.id ? 'selected' : ''}
              >
                <td>
                  <input type="checkbox" checked={checked.has(d.id)} onChange={() => toggle(d.id)} data-testid="dead-letter-check" />
                </td>
                <td>{formatTime(d.failedAt)}</td>
                <td>
                  <a href={`#/dead-letters/${encodeURIComponent(d.id)}`} data-testid="dead-letter-open">
                    {d.type ? shortType(d.type) : '(unreadable)'}
                  </a>
                </td>
                <td>
                  {d.originalTopic}
                  {d.originalPartition !== undefined && ` / ${d.originalPartition}`}
                  {d.originalOffset !== undefined && ` @ ${String(d.originalOffset)}`}
                </td>
                <td>{d.consumerGroup ?? '—'}</td>
                <td className="reason">{d.reason}</td>
                <td>{d.attempts ?? '—'}</td>
                <td>{d.replayCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items?.length === 0 && <p data-testid="dlq-empty">没有死信 No dead letters</p>}
      {nextCursor && (
        <button onClick={more} data-testid="dlq-more">
          更多 More
        </button>
      )}
      {props.canReplay && checked.size > 0 && (
        <ReplayForm
          ids={[...checked]}
          single={single}
          onReplayed={(r) => {
            setLastReplay(r);
            setChecked(new Set());
            void load();
            if (r.replayed.length === 1) props.go(`/dead-letters/${encodeURIComponent(r.replayed[0].id)}`);
          }}
        />
      )}
      {!props.canReplay && <p className="hint">重放需要 operator 角色 (replay needs the operator role)</p>}
      {lastReplay && (
        <div className="notice" data-testid="replay-result">
          已重放 Replayed {lastReplay.replayed.length} · 审计 audit <code>{lastReplay.auditId}</code>
          <ul>
            {lastReplay.replayed.map((r) => (
              <li key={r.id} data-testid="replayed-item">
                {r.topic} / {r.partition} @ {String(r.offset)} → <code>{r.eventId}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.selectedId && (
        <DeadLetterDetailView key={`${props.selectedId}|${lastReplay?.auditId ?? ''}`} id={props.selectedId} watch={!!lastReplay} />
      )}
    </section>
  );
}

function ReplayForm(props: { ids: string[]; single?: DeadLetter; onReplayed: (r: ReplayResult) => void }) {
  const [reason, setReason] = useState('');
  const [repair, setRepair] = useState(false);
  const [payload, setPayload] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!props.single) setRepair(false);
    else setPayload(pretty(props.single.payloadText));
  }, [props.single]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let repaired: unknown;
    if (repair && props.single) {
      try {
        repaired = JSON.parse(payload);
      } catch {
        setError('payload: 不是 JSON (not valid JSON)');
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      props.onReplayed(
        await api.replay({ ids: props.ids, reason: reason.trim(), ...(repaired !== undefined ? { payload: repaired } : {}) }),
      );
      setReason('');
    } catch (err) {
      setError(err instanceof ApiError ? `${err.status}: ${err.message}` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="replay" onSubmit={submit} data-testid="replay-form">
      <h3>重放 Replay ({props.ids.length})</h3>
      <label>
        <span>原因 Reason (4–500)</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="已修复… cause fixed" data-testid="replay-reason" />
      </label>
      {props.single && (
        <label className="inline">
          <input type="checkbox" checked={repair} onChange={(e) => setRepair(e.target.checked)} data-testid="replay-repair" />
          修复后的载荷 Repaired payload
        </label>
      )}
      {repair && props.single && (
        <textarea rows={10} value={payload} onChange={(e) => setPayload(e.target.value)} data-testid="replay-payload" />
      )}
      {error && (
        <p className="error" data-testid="replay-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="replay-submit">
        重放 Replay
      </button>
    </form>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Of what a letter's replays caused, the events caused by a replayed copy (not the copies). */
function effectsOf(d: DeadLetterDetail) {
  const copies = new Set(d.caused.map((e) => e.eventId));
  return d.caused.filter((e) => e.causationId !== undefined && copies.has(e.causationId) && e.eventId !== e.causationId);
}

/** One letter; after a replay it refreshes every 2 s for a minute, until the replay's effects show. */
function DeadLetterDetailView(props: { id: string; watch: boolean }) {
  const [detail, setDetail] = useState<DeadLetterDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const fetchOnce = async () => {
      try {
        const d = await api.deadLetter(props.id);
        if (stopped) return;
        setDetail(d);
        // the replayed copies are recorded first, the events they cause after them
        const waiting = props.watch && effectsOf(d).length === 0 && Date.now() - started < 60_000;
        if (waiting) timer = setTimeout(fetchOnce, 2_000);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    void fetchOnce();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [props.id, props.watch]);

  if (error) return <p className="error">{error}</p>;
  if (!detail) return <p>加载中 Loading…</p>;
  return (
    <article className="detail" data-testid="dead-letter-detail" data-id={detail.id}>
      <h3>
        {detail.type ?? '(unreadable)'} <small>{detail.reason}</small>
      </h3>
      <dl>
        <dt>死信主题 DLT</dt>
        <dd>
          {detail.dltTopic} / {detail.partition} @ {String(detail.offset)}
        </dd>
        <dt>来源 Origin</dt>
        <dd>
          {detail.originalTopic} {detail.originalPartition ?? ''}{' '}
          {detail.originalOffset !== undefined ? `@ ${String(detail.originalOffset)}` : ''}
        </dd>
        <dt>消费组 Group</dt>
        <dd>{detail.consumerGroup ?? '—'}</dd>
        <dt>尝试 Attempts</dt>
        <dd>{detail.attempts ?? '—'}</dd>
        <dt>失败 Failed</dt>
        <dd>{formatTime(detail.failedAt)}</dd>
        <dt>事件号 Event id</dt>
        <dd>{detail.eventId ? <code>{detail.eventId}</code> : '—'}</dd>
      </dl>
      <h4>载荷 Payload</h4>
      <pre data-testid="dead-letter-payload">{pretty(detail.payloadText)}</pre>
      <h4>消息头 Headers</h4>
      <pre>{JSON.stringify(detail.headers, null, 2)}</pre>
      <h4>重放记录 Replays ({detail.replays.length})</h4>
      <ul data-testid="dead-letter-replays">
        {detail.replays.map((r, i) => (
          <li key={String(r.id ?? r.auditId ?? i)} data-testid="dead-letter-replay">
            {formatTime(typeof r.at === 'string' ? r.at : undefined)} {String(r.sub ?? '')} — {String(r.reason ?? '')}
          </li>
        ))}
      </ul>
      <h4>重放的结果 Effect of the replays ({detail.caused.length})</h4>
      <ul data-testid="dead-letter-caused">
        {detail.caused.map((e) => (
          <li
            key={`${e.topic}|${e.partition}|${String(e.offset)}`}
            data-testid="caused-event"
            data-type={e.type}
            data-copy={String(e.eventId === detail.eventId)}
          >
            <span className="chip" style={{ background: colourOf(e.sourceService) }}>
              {e.sourceService}
            </span>{' '}
            <strong title={e.type}>{shortType(e.type)}</strong> {e.eventId === detail.eventId ? '(重放副本 replayed copy)' : ''}{' '}
            {formatTime(e.recordedAt)} {e.correlationId && <a href={`#/flows/${encodeURIComponent(e.correlationId)}`}>事件流 flow</a>}
          </li>
        ))}
      </ul>
    </article>
  );
}
