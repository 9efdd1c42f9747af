import { readFileSync } from 'node:fs';
import { ensureDevKeys, mintToken, MintTokenClaims } from '@civil/platform';

/** Where the demo finds the services, and how it calls them (development tokens). */
export const IM = process.env.INSTITUTION_MONITORING_URL ?? 'http://127.0.0.1:3001';
export const SR = process.env.SOCIAL_RELIEF_URL ?? 'http://127.0.0.1:3002';
export const FO = process.env.FUNERAL_OPERATIONS_URL ?? 'http://127.0.0.1:3003';
export const SV = process.env.SUPERVISION_URL ?? 'http://127.0.0.1:3004';

// compose mounts the key read-only and names it; locally the development key is made on demand
const privateKey = readFileSync(process.env.JWT_PRIVATE_KEY_FILE ?? ensureDevKeys(process.env.JWT_KEYS_DIR ?? '.local/keys').privateKeyPath, 'utf8');
const auth = { issuer: process.env.JWT_ISSUER ?? 'civil-affairs-dev', audience: process.env.JWT_AUDIENCE ?? 'civil-affairs' };

export const county: MintTokenClaims = { sub: 'demo-county-officer', roles: ['county-officer'], jurisdiction: '330521' };
export const county2: MintTokenClaims = { sub: 'demo-county-officer-2', roles: ['county-officer'], jurisdiction: '330521' };
export const city: MintTokenClaims = { sub: 'demo-city-officer', roles: ['city-officer'], jurisdiction: '3305' };
// the demo sets its short ladders and its accountability rule for every region: that takes the national role
export const province: MintTokenClaims = { sub: 'demo-province-officer', roles: ['province-officer', 'national-admin'], jurisdiction: '33' };
export const admin: MintTokenClaims = { sub: 'demo-admin', roles: ['admin', 'national-admin'], jurisdiction: '33' };
export const township = (code: string, sub = `demo-cadre-${code}`): MintTokenClaims => ({ sub, roles: ['township-officer'], jurisdiction: code });
export const staffOf = (unitId: string, jurisdiction: string): MintTokenClaims => ({ sub: `staff-${unitId}`, roles: ['unit-staff'], jurisdiction, unitId });

export type { MintTokenClaims };

/** One HTTP call with a token; statuses outside `okStatuses` stop the demo with the answer. */
export async function call(method: string, url: string, who: MintTokenClaims, body?: unknown, okStatuses = [200, 201]): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${mintToken(who, privateKey, auth)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!okStatuses.includes(res.status)) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
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
