/**
 * Who may act. Officers act for an administrative division (民政 at township, county, city,
 * province level); unit staff act only for their own institution (机构); inspectors and
 * discipline officers come from supervision (督查 / 纪检); an admin administers the services
 * inside its jurisdiction. The national administrator (全国, the ministry level) is the only role
 * that sets the defaults every region falls back to, and may set any region's values; it does
 * nothing else (see `assertMaySetFor`). Analysts (分析员) read the event lineage of their
 * jurisdiction; operators (运维) also replay its dead letters.
 */
export const ROLES = [
  'unit-staff',
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
  'national-admin',
  'analyst',
  'operator',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The authenticated caller, read from the bearer token. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** Administrative division code the caller acts for; covers every code that starts with it. */
  jurisdiction: string;
  /** The institution a unit-staff caller belongs to. */
  unitId?: string;
}
