// The event-lineage HTTP API as the console uses it (see services/event-lineage/README.md).

export interface EventRecord {
  eventId: string;
  type: string;
  sourceService: string;
  subject?: string;
  region?: string;
  correlationId?: string;
  causationId?: string;
  traceId?: string;
  occurredAt: string;
  recordedAt: string;
  topic: string;
  partition: number;
  offset: string | number;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface FlowSummary {
  correlationId: string;
  firstAt: string;
  lastAt: string;
  eventCount: number;
  types: string[];
  services: string[];
}

export interface Flow {
  correlationId: string;
  events: EventRecord[];
  edges: { from: string; to: string; delayMs: number }[];
  services: string[];
}

export interface TopicInfo {
  topic: string;
  eventTypes: string[];
  publishers: string[];
  consumers: string[];
  source: 'contract' | 'observed' | 'both';
  perMinute: { minute: string; count: number }[];
}

export interface LagRow {
  groupId: string;
  topic: string;
  partition: number;
  committedOffset: string | number;
  highWatermark: string | number;
  lag: number;
}

export interface Topology {
  topics: TopicInfo[];
  lag: LagRow[];
}

export interface DeadLetter {
  id: string;
  dltTopic: string;
  partition: number;
  offset: string | number;
  originalTopic: string;
  originalPartition?: number;
  originalOffset?: string | number;
  reason: string;
  attempts?: number;
  failedAt: string;
  eventId?: string;
  type?: string;
  consumerGroup?: string;
  payloadText: string;
  headers: Record<string, string>;
  replayCount: number;
}

export interface Replay {
  id?: string;
  auditId?: string;
  at?: string;
  sub?: string;
  reason?: string;
  eventId?: string;
  [key: string]: unknown;
}

export interface DeadLetterDetail extends DeadLetter {
  replays: Replay[];
  caused: EventRecord[];
}

export interface ReplayResult {
  auditId: string;
  replayed: { id: string; topic: string; partition: number; offset: string | number; eventId: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Principal {
  sub: string;
  roles: string[];
  jurisdiction: string;
  exp?: number;
}

const TOKEN_KEY = 'event-lineage.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The claims of a bearer token, read (not verified: the service verifies every request). */
export function principalOf(token: string): Principal | null {
  const part = token
    .trim()
    .replace(/^Bearer\s+/i, '')
    .split('.')[1];
  if (!part) return null;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Partial<Principal>;
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles) || typeof claims.jurisdiction !== 'string') return null;
    return { sub: claims.sub, roles: claims.roles, jurisdiction: claims.jurisdiction, exp: claims.exp };
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** The message an error response carries: Nest's `message` (a string or the validation list). */
function messageOf(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error?: unknown };
    if (Array.isArray(b.message)) return b.message.join('; ');
    if (typeof b.message === 'string') return b.message;
    if (typeof b.error === 'string') return b.error;
  }
  return `HTTP ${status}`;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = session.token();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token.replace(/^Bearer\s+/i, '')}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, messageOf(res.status, parsed), parsed);
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface EventQuery {
  correlationId?: string;
  eventId?: string;
  subject?: string;
  type?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export const api = {
  config: () => call<{ zipkinTraceUrl: string | null }>('GET', '/api/config'),
  events: (q: EventQuery) => call<Page<EventRecord>>('GET', `/api/events${query({ ...q })}`),
  event: (eventId: string) => call<EventRecord>('GET', `/api/events/${encodeURIComponent(eventId)}`),
  flows: (q: { subject?: string; type?: string; from?: string; to?: string; eventId?: string }) =>
    call<{ items: FlowSummary[] }>('GET', `/api/flows${query(q)}`),
  flow: (correlationId: string) => call<Flow>('GET', `/api/flows/${encodeURIComponent(correlationId)}`),
  topology: (minutes: number) => call<Topology>('GET', `/api/topology${query({ minutes })}`),
  deadLetters: (q: { topic?: string; from?: string; to?: string; limit?: number; cursor?: string }) =>
    call<Page<DeadLetter>>('GET', `/api/dead-letters${query(q)}`),
  deadLetter: (id: string) => call<DeadLetterDetail>('GET', `/api/dead-letters/${encodeURIComponent(id)}`),
  replay: (body: { ids: string[]; reason: string; payload?: unknown }) => call<ReplayResult>('POST', '/api/dead-letters/replay', body),
};

/** Zipkin's page of a trace, from the service's configured template; null without one. */
export function traceUrl(template: string | null | undefined, traceId: string | undefined): string | null {
  if (!template || !traceId) return null;
  return template.replace('{traceId}', encodeURIComponent(traceId));
}

export const SERVICE_COLOURS: Record<string, string> = {
  'institution-monitoring': '#2f7ed8',
  'social-relief': '#43a047',
  'funeral-operations': '#8e24aa',
  supervision: '#e65100',
  'event-lineage': '#546e7a',
};
const FALLBACK = ['#00897b', '#c62828', '#6d4c41', '#3949ab', '#f9a825'];

export function colourOf(service: string): string {
  if (SERVICE_COLOURS[service]) return SERVICE_COLOURS[service];
  let h = 0;
  for (const c of service) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length];
}

export const SERVICE_LABELS: Record<string, string> = {
  'institution-monitoring': '机构监测 Institution monitoring',
  'social-relief': '社会救助 Social relief',
  'funeral-operations': '殡葬服务 Funeral operations',
  supervision: '督查督办 Supervision',
};

/** `cn.gov.civilaffairs.institution.report-missed.v1` → `report-missed`: the name without namespace and version. */
export function shortType(type: string): string {
  const parts = type.split('.');
  if (parts.length >= 3 && /^v\d+$/.test(parts[parts.length - 1])) return parts[parts.length - 2];
  return type;
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

export function formatDelay(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
