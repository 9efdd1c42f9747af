import { readFileSync } from 'node:fs';
import { ensureDevKeys, mintToken, MintTokenClaims } from '@civil/platform';

/** Where the demo finds the services, and how it calls them (development tokens). */
export const IM = process.env.INSTITUTION_MONITORING_URL ?? 'http://127.0.0.1:3001';
export const SR = process.env.SOCIAL_RELIEF_URL ?? 'http://127.0.0.1:3002';
export const FO = process.env.FUNERAL_OPERATIONS_URL ?? 'http://127.0.0.1:3003';
export const SV = process.env.SUPERVISION_URL ?? 'http://127.0.0.1:3004';

interface Signer {
  privateKey: string;
  issuer: string;
  audience: string;
}

let signer: Signer | undefined;

/** Signs the demo's tokens with this key instead of the development key (tests run the demo on their own services). */
export function useSigningKey(privateKey: string, options: { issuer: string; audience: string }): void {
  signer = { privateKey, ...options };
  tokens.clear();
}

// compose mounts the key read-only and names it; locally the development key is made on demand
function currentSigner(): Signer {
  signer ??= {
    privateKey: readFileSync(
      process.env.JWT_PRIVATE_KEY_FILE ?? ensureDevKeys(process.env.JWT_KEYS_DIR ?? '.local/keys').privateKeyPath,
      'utf8',
    ),
    issuer: process.env.JWT_ISSUER ?? 'civil-affairs-dev',
    audience: process.env.JWT_AUDIENCE ?? 'civil-affairs',
  };
  return signer;
}

const tokens = new Map<string, { token: string; until: number }>();

function tokenOf(who: MintTokenClaims): string {
  const key = JSON.stringify(who);
  const cached = tokens.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  const s = currentSigner();
  const token = mintToken({ ...who, ttl: '1h' }, s.privateKey, { issuer: s.issuer, audience: s.audience });
  tokens.set(key, { token, until: Date.now() + 50 * 60_000 });
  return token;
}

export const county: MintTokenClaims = { sub: 'demo-county-officer', roles: ['county-officer'], jurisdiction: '330521' };
export const county2: MintTokenClaims = { sub: 'demo-county-officer-2', roles: ['county-officer'], jurisdiction: '330521' };
export const city: MintTokenClaims = { sub: 'demo-city-officer', roles: ['city-officer'], jurisdiction: '3305' };
// the demo sets its short ladders and its accountability rule for every region: that takes the national role
export const province: MintTokenClaims = {
  sub: 'demo-province-officer',
  roles: ['province-officer', 'national-admin'],
  jurisdiction: '33',
};
export const admin: MintTokenClaims = { sub: 'demo-admin', roles: ['admin', 'national-admin'], jurisdiction: '33' };
export const township = (code: string, sub = `demo-cadre-${code}`): MintTokenClaims => ({
  sub,
  roles: ['township-officer'],
  jurisdiction: code,
});
export const staffOf = (unitId: string, jurisdiction: string): MintTokenClaims => ({
  sub: `staff-${unitId}`,
  roles: ['unit-staff'],
  jurisdiction,
  unitId,
});

export type { MintTokenClaims };

/** A 409 the caller named: the state is not the one the step would have made (already there, or moved on). */
export interface Refusal {
  status: number;
  error: string;
  message: string;
  details?: Record<string, any>;
}

export type Outcome<T = any> = { ok: true; body: T } | { ok: false; refusal: Refusal };

/** Refusals that only say "try again": a compare-and-set lost to a concurrent writer. */
const RETRYABLE = ['ConcurrentUpdate', 'CaseBusy', 'AdmissionInProgress'];
const ATTEMPTS = 4;

function describe(method: string, url: string, who: MintTokenClaims, body: unknown): string {
  const sent = body === undefined ? '' : ` with ${JSON.stringify(body).slice(0, 600)}`;
  return `${method} ${url} (as ${who.sub}, ${who.roles.join('/')} of ${who.jurisdiction}${who.unitId ? `, unit ${who.unitId}` : ''})${sent}`;
}

async function send(
  method: string,
  url: string,
  who: MintTokenClaims,
  body: unknown,
): Promise<{ status: number; text: string; json: any }> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(who)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Error(
        `${describe(method, url, who, body)} → no answer: ${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause: Error }).cause.message})` : ''}`,
      );
    }
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.status === 409 && RETRYABLE.includes(json?.error) && attempt < ATTEMPTS) {
      await new Promise((r) => setTimeout(r, 200 * attempt));
      continue;
    }
    return { status: res.status, text, json };
  }
}

/**
 * One HTTP call with a token; statuses outside `okStatuses` stop the demo with the request and the
 * answer. For a 409 that means "already there" or "moved on", use `attempt` and name the codes.
 */
export async function call(method: string, url: string, who: MintTokenClaims, body?: unknown, okStatuses = [200, 201]): Promise<any> {
  const r = await send(method, url, who, body);
  if (!okStatuses.includes(r.status)) throw new Error(`${describe(method, url, who, body)} → ${r.status}: ${r.text}`);
  return r.json;
}

/**
 * A call whose step may meet a state it did not make: a 409 whose code is in `expected` comes
 * back as `{ ok: false, refusal }` for the step to continue with what is there. Anything else
 * outside 2xx (a 400 from the demo's own input, a 5xx, another 409) stops the demo with the
 * request and the answer.
 */
export async function attempt<T = any>(
  method: string,
  url: string,
  who: MintTokenClaims,
  body: unknown,
  expected: string[],
): Promise<Outcome<T>> {
  const r = await send(method, url, who, body);
  if (r.status >= 200 && r.status < 300) return { ok: true, body: r.json as T };
  if (r.status === 409 && expected.includes(r.json?.error)) {
    return { ok: false, refusal: { status: r.status, error: r.json.error, message: r.json.message ?? '', details: r.json.details } };
  }
  throw new Error(`${describe(method, url, who, body)} → ${r.status}: ${r.text}`);
}

/** The line a step prints when it finds the state moved on and goes on with it. */
export function noted(what: string, refusal: Refusal, then = 'going on with what is there'): void {
  console.log(`demo: ${what}: ${refusal.error} (${refusal.message}); ${then}`);
}

export async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: Error | undefined;
  for (;;) {
    const v = await check().catch((e: Error) => {
      lastError = e;
      return undefined;
    });
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * A valid 18-character ID number (GB 11643 check digit) for a fictional person of Deqing county:
 * demo data only, never a real person's.
 */
export function demoIdNumber(birthDate: string, sequence: number): string {
  const first17 = `330521${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
