/** The part of an event that places it in its flow. */
export interface FlowEvent {
  eventId?: string;
  causationId?: string;
  occurredAt?: string;
  recordedAt: string;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** Time from the cause to the effect (occurredAt to occurredAt), in ms. */
  delayMs: number;
}

const timeOf = (e: FlowEvent): number => Date.parse(e.occurredAt ?? e.recordedAt);

/**
 * The events of one flow in causal order: every cause before its effects, and otherwise by time
 * (occurredAt, then recordedAt). A record of an event seen twice (a replay) is placed after the
 * first. Causes outside the flow (the HTTP request that started it) are roots.
 */
export function causalOrder<E extends FlowEvent>(events: readonly E[]): { events: E[]; edges: FlowEdge[] } {
  const byTime = [...events].sort((a, b) => timeOf(a) - timeOf(b) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
  const firstById = new Map<string, E>();
  for (const e of byTime) if (e.eventId && !firstById.has(e.eventId)) firstById.set(e.eventId, e);
  const children = new Map<E | undefined, E[]>();
  for (const e of byTime) {
    const cause = e.causationId && e.causationId !== e.eventId ? firstById.get(e.causationId) : undefined;
    const list = children.get(cause) ?? [];
    list.push(e);
    children.set(cause, list);
  }
  const ordered: E[] = [];
  const edges: FlowEdge[] = [];
  const placed = new Set<E>();
  // roots by time; each event's effects follow it, merged by time with the rest still waiting
  const ready: E[] = [...(children.get(undefined) ?? [])];
  while (ready.length) {
    ready.sort((a, b) => timeOf(a) - timeOf(b) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
    const next = ready.shift()!;
    if (placed.has(next)) continue;
    placed.add(next);
    ordered.push(next);
    for (const effect of children.get(next) ?? []) {
      edges.push({ from: next.eventId!, to: effect.eventId!, delayMs: timeOf(effect) - timeOf(next) });
      ready.push(effect);
    }
  }
  // a cycle of causation ids (never written by the platform) is shown by time rather than dropped
  for (const e of byTime) if (!placed.has(e)) ordered.push(e);
  return { events: ordered, edges };
}
