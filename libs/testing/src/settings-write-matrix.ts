import { MintTokenClaims, Role, ROLES } from '@civil/platform';
import { bearer } from './test-auth';

/**
 * Every role the platform knows against every settings write, for the matrix tests of each
 * service: the default every region falls back to, the caller's own region, and a region of
 * another province.
 */

/** Where a write goes: every region's default (no division), the caller's own jurisdiction, another province's region. */
export const SETTINGS_TARGETS = ['default', 'own', 'foreign'] as const;
export type SettingsTarget = (typeof SETTINGS_TARGETS)[number];

/** One caller per role; officers of 德清 and Zhejiang, the national administrator outside both. */
export const MATRIX_CALLERS: Record<Role, MintTokenClaims> = {
  'unit-staff': { sub: 'm-unit-staff', roles: ['unit-staff'], jurisdiction: '330521101', unitId: 'u-matrix' },
  'township-officer': { sub: 'm-township-officer', roles: ['township-officer'], jurisdiction: '330521101' },
  'county-officer': { sub: 'm-county-officer', roles: ['county-officer'], jurisdiction: '330521' },
  'city-officer': { sub: 'm-city-officer', roles: ['city-officer'], jurisdiction: '3305' },
  'province-officer': { sub: 'm-province-officer', roles: ['province-officer'], jurisdiction: '33' },
  inspector: { sub: 'm-inspector', roles: ['inspector'], jurisdiction: '330521' },
  'discipline-officer': { sub: 'm-discipline-officer', roles: ['discipline-officer'], jurisdiction: '33' },
  admin: { sub: 'm-admin', roles: ['admin'], jurisdiction: '33' },
  'national-admin': { sub: 'm-national-admin', roles: ['national-admin'], jurisdiction: '11' },
  analyst: { sub: 'm-analyst', roles: ['analyst'], jurisdiction: '33' },
  operator: { sub: 'm-operator', roles: ['operator'], jurisdiction: '33' },
};

/** A county of Guangdong: outside every caller's jurisdiction but the national administrator's reach. */
export const FOREIGN_DIVISION = '440103';

/** The division a write goes to (undefined: every region's default). */
export function targetDivision(role: Role, target: SettingsTarget): string | undefined {
  if (target === 'default') return undefined;
  return target === 'own' ? MATRIX_CALLERS[role].jurisdiction : FOREIGN_DIVISION;
}

/** Status per role for [default, own, foreign]. */
export type SettingsMatrix = Record<Role, [number, number, number]>;

/**
 * Escalation ladders and checklist templates: writers are county, city and province officers and
 * admins inside their jurisdiction, and the national administrator anywhere; only the national
 * administrator sets every region's default.
 */
export const REGIONAL_WITH_DEFAULT: SettingsMatrix = {
  'unit-staff': [403, 403, 403],
  'township-officer': [403, 403, 403],
  'county-officer': [403, 200, 403],
  'city-officer': [403, 200, 403],
  'province-officer': [403, 200, 403],
  inspector: [403, 403, 403],
  'discipline-officer': [403, 403, 403],
  admin: [403, 200, 403],
  'national-admin': [200, 200, 200],
  analyst: [403, 403, 403],
  operator: [403, 403, 403],
};

/**
 * Regional settings and reporting deadlines: the same writers, but a division is always required
 * (every region's default is the one in code): a writer omitting it gets 400, anyone else 403.
 */
export const REGIONAL_DIVISION_REQUIRED: SettingsMatrix = {
  'unit-staff': [403, 403, 403],
  'township-officer': [403, 403, 403],
  'county-officer': [400, 200, 403],
  'city-officer': [400, 200, 403],
  'province-officer': [400, 200, 403],
  inspector: [403, 403, 403],
  'discipline-officer': [403, 403, 403],
  admin: [400, 200, 403],
  'national-admin': [400, 200, 200],
  analyst: [403, 403, 403],
  operator: [403, 403, 403],
};

/**
 * Accountability rules: set at province level (province officers and discipline officers of a
 * province, admins) for the province and what lies in it; every region's by the national
 * administrator only.
 */
export const PROVINCE_LEVEL: SettingsMatrix = {
  'unit-staff': [403, 403, 403],
  'township-officer': [403, 403, 403],
  'county-officer': [403, 403, 403],
  'city-officer': [403, 403, 403],
  'province-officer': [403, 200, 403],
  inspector: [403, 403, 403],
  'discipline-officer': [403, 200, 403],
  admin: [403, 200, 403],
  'national-admin': [200, 200, 200],
  analyst: [403, 403, 403],
  operator: [403, 403, 403],
};

export interface SettingsWrite {
  name: string;
  /** Sends the write as `auth` to `divisionCode` (undefined: every region's default). */
  put(auth: { Authorization: string }, divisionCode: string | undefined): Promise<{ status: number; body: unknown }>;
  /** Who set each version stored for exactly that division (undefined: every region's default). */
  storedBy(divisionCode: string | undefined): Promise<string[]>;
}

/** Sends the write as every role to every target; the statuses by role, and who is stored where. */
export async function runSettingsMatrix(
  write: SettingsWrite,
): Promise<{ statuses: SettingsMatrix; allowed: Map<string | undefined, string[]>; refusedBodies: unknown[] }> {
  const statuses = {} as SettingsMatrix;
  const allowed = new Map<string | undefined, string[]>();
  const refusedBodies: unknown[] = [];
  for (const role of ROLES) {
    const row: number[] = [];
    for (const target of SETTINGS_TARGETS) {
      const divisionCode = targetDivision(role, target);
      const res = await write.put(bearer(MATRIX_CALLERS[role]), divisionCode);
      row.push(res.status);
      if (res.status < 300) allowed.set(divisionCode, [...(allowed.get(divisionCode) ?? []), MATRIX_CALLERS[role].sub]);
      else refusedBodies.push(res.body);
    }
    statuses[role] = row as [number, number, number];
  }
  return { statuses, allowed, refusedBodies };
}

/** Every division a matrix run wrote to or tried to, with the default as undefined. */
export function matrixDivisions(): (string | undefined)[] {
  return [undefined, FOREIGN_DIVISION, ...new Set(ROLES.map((r) => MATRIX_CALLERS[r].jurisdiction))];
}

type Agent = {
  put(url: string): { set(h: Record<string, string>): { send(b: object): PromiseLike<{ status: number; body: unknown }> } };
  get(url: string): { set(h: Record<string, string>): PromiseLike<{ status: number; body: unknown }> };
};

/** A reader who sees what is stored for a division (the lists show the caller's jurisdiction, above and below). */
const readerOf = (divisionCode: string) => bearer({ sub: 'm-reader', roles: ['county-officer'], jurisdiction: divisionCode });

/** PUT /regional-settings/:key (the platform's regional settings) as a matrix write. */
export function regionalSettingWrite(http: () => Agent, key: string, value: number): SettingsWrite {
  return {
    name: `PUT /regional-settings/${key}`,
    put: async (auth, divisionCode) =>
      http()
        .put(`/regional-settings/${key}`)
        .set(auth)
        .send(divisionCode ? { divisionCode, value } : { value }),
    storedBy: async (divisionCode) => {
      if (!divisionCode) return [];
      const all = (await http().get('/regional-settings').set(readerOf(divisionCode))).body as {
        key: string;
        divisionCode: string;
        history: { setBy: string }[];
      }[];
      return all.filter((s) => s.key === key && s.divisionCode === divisionCode).flatMap((s) => s.history.map((h) => h.setBy));
    },
  };
}
