import type { InstitutionRegistered, InstitutionUpdated } from '@civil/contracts';
import { APPLIED_EVENTS_KEPT_IN_COPY } from './limits';

/**
 * Social relief's own copy of a supervised unit, built from institution-monitoring's events
 * (public fields only: a unit's name is an organisation's, not a person's).
 */
export interface InstitutionCopy {
  unitId: string;
  name: string;
  unitType: string;
  operator: 'public' | 'social-capital';
  divisionCode: string;
  beds: number;
  bedsInUse: number;
  /** Registry version the copy stands at (a registration counts as 1). */
  registryVersion: number;
  /** ce_source#ce_id of the latest events applied, so a redelivery is a no-op. */
  appliedEvents: string[];
  updatedAt: string;
}

export const eventKey = (source: string, id: string) => `${source}#${id}`;

/** The copy a registration creates (version 1), or what stays if one is already there. */
export function fromRegistered(current: InstitutionCopy | undefined, r: InstitutionRegistered, key: string): InstitutionCopy | undefined {
  if (current?.appliedEvents.includes(key)) return undefined;
  // an update already seen carries the fields as they now stand: a late registration changes nothing
  if (current) return { ...current, appliedEvents: remember(current.appliedEvents, key) };
  return {
    unitId: r.unitId,
    name: r.name,
    unitType: r.unitType,
    operator: r.operator,
    divisionCode: r.divisionCode,
    beds: r.beds,
    bedsInUse: r.bedsInUse,
    registryVersion: 1,
    appliedEvents: [key],
    updatedAt: r.registeredAt,
  };
}

/** Replaces the copy's fields if the update is newer than what the copy holds; undefined = nothing to write. */
export function fromUpdated(current: InstitutionCopy | undefined, u: InstitutionUpdated, key: string): InstitutionCopy | undefined {
  if (current?.appliedEvents.includes(key)) return undefined;
  if (current && u.registryVersion <= current.registryVersion) return undefined; // out of order: keep the newer copy
  return {
    unitId: u.unitId,
    name: u.name,
    unitType: u.unitType,
    operator: u.operator,
    divisionCode: u.divisionCode,
    beds: u.beds,
    bedsInUse: u.bedsInUse,
    registryVersion: u.registryVersion,
    appliedEvents: remember(current?.appliedEvents ?? [], key),
    updatedAt: u.updatedAt,
  };
}

function remember(applied: readonly string[], key: string): string[] {
  return [...applied, key].slice(-APPLIED_EVENTS_KEPT_IN_COPY);
}

/**
 * Units the bed subsidy (床位补贴) may be for: seed 000 names 养老机构 run or operated by social capital.
 * Day-care centres (日间照料中心) have no residents' beds in that sense and count only where a
 * region's settings include them (`bed-subsidy-includes-day-care`, default excluded); 敬老院
 * (extreme-poverty support homes) are public 特困 institutions funded otherwise, and do not.
 */
export const BED_SUBSIDY_UNIT_TYPES = ['elderly-care-home', 'day-care-centre'] as const;

export function qualifiesForBedSubsidy(
  u: Pick<InstitutionCopy, 'unitType' | 'operator' | 'bedsInUse'>,
  rules: { includeDayCare: boolean } = { includeDayCare: false },
): boolean {
  const type = u.unitType === 'elderly-care-home' || (rules.includeDayCare && u.unitType === 'day-care-centre');
  return type && u.operator === 'social-capital' && u.bedsInUse > 0;
}
