import type { PlacementRefusalReason, UnitType } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';

/**
 * Social relief's request that a unit take a child left without care (无人监护) into temporary care
 * (临时照料), as this service answers it: one record per placement and request, written with the
 * answer's event. Only a 儿童福利机构 or 未成年人救助保护机构 takes children; a unit under closed
 * management (封闭管理) or no longer active refuses new admissions, as for any admission; the
 * child is admitted through the residents' own rules (isolated on admission where the unit type
 * requires it). When the placement ends the child is discharged; a child still isolated stays until
 * the isolation ends (the discharge is then the unit's, by hand).
 */
export const CHILD_CARE_UNIT_TYPES: readonly UnitType[] = ['child-welfare-home', 'minors-protection-centre'];

export interface PlacementRequest {
  /** `${placementId}:${requestNo}`. */
  requestKey: string;
  placementId: string;
  requestNo: number;
  unitId: string;
  childRef: string;
  /** The child's division (social relief's). */
  childDivisionCode: string;
  /** The unit's division, when the unit is known (else the child's). */
  divisionCode: string;
  outcome: 'admitted' | 'refused';
  reason: PlacementRefusalReason | null;
  residentId: string | null;
  isolated: boolean;
  answeredAt: Date;
  /** When social relief ended the placement. */
  endedAt: Date | null;
  dischargedAt: Date | null;
  /** Why the child could not be discharged at the end (still isolated); null otherwise. */
  dischargeHeld: string | null;
}

/** The answer, caused by the request's event (its id and flow travel on with the answer). */
export type PlacementRequestChange = {
  type: 'answered';
  unitType: UnitType | null;
  at: Date;
  causation: { causationId: string; correlationId: string };
};

export function requestKeyOf(placementId: string, requestNo: number): string {
  return `${placementId}:${requestNo}`;
}

/** The resident a child admitted under a request is: the same id however often the request arrives. */
export function residentIdFor(placementId: string, requestNo: number): string {
  return `r-cp-${deterministicId('temporary-care', placementId, String(requestNo))}`;
}

/** Why the unit refuses the child, or null when it takes it (the residents' rules then admit). */
export function refusalFor(unit: { unitType: UnitType; status: string; active: boolean } | undefined): PlacementRefusalReason | null {
  if (!unit) return 'unit-unknown';
  if (!CHILD_CARE_UNIT_TYPES.includes(unit.unitType)) return 'unit-not-for-children';
  if (!unit.active) return 'unit-inactive';
  if (unit.status === 'closed') return 'unit-closed';
  return null;
}

/** The end arrived: the discharge made, or held with the reason. Undefined when there is nothing to do. */
export function released(r: PlacementRequest, outcome: { dischargedAt: Date } | { held: string }, now: Date): PlacementRequest | undefined {
  if (r.outcome !== 'admitted' || r.dischargedAt) return undefined;
  if ('held' in outcome)
    return r.dischargeHeld === outcome.held && r.endedAt ? undefined : { ...r, endedAt: r.endedAt ?? now, dischargeHeld: outcome.held };
  return { ...r, endedAt: r.endedAt ?? now, dischargedAt: outcome.dischargedAt, dischargeHeld: null };
}
