import { covers, DomainError } from '@civil/kernel';
import { Principal } from './principal.model';

/**
 * Unit staff see only their own institution. A caller holding unit-staff among other roles is
 * still held to the unit: the narrower scope wins rather than a role quietly widening it.
 */
export function isUnitScoped(principal: Principal): boolean {
  return principal.roles.includes('unit-staff');
}

/**
 * Refuses an action on something outside the caller's reach: a division code the jurisdiction
 * does not cover or, for unit staff, another unit. Pass the resource's unit id whenever it has
 * one; without it only the division is checked.
 */
export function assertCovers(principal: Principal, divisionCode: string, unitId?: string): void {
  if (!covers(principal.jurisdiction, divisionCode)) {
    throw DomainError.forbidden(
      'OutsideJurisdiction',
      `Division ${divisionCode} is outside your jurisdiction ${principal.jurisdiction} (超出管辖范围)`,
      { jurisdiction: principal.jurisdiction, divisionCode },
    );
  }
  if (unitId !== undefined && isUnitScoped(principal) && principal.unitId !== unitId) {
    throw DomainError.forbidden('OutsideJurisdiction', `Unit ${unitId} is not your unit (非本单位)`, {
      unitId,
    });
  }
}

/** Whether the caller reaches something in `divisionCode` (and, for unit staff, of `unitId`). */
export function reaches(principal: Principal, divisionCode: string, unitId?: string): boolean {
  if (!covers(principal.jurisdiction, divisionCode)) return false;
  return unitId === undefined || !isUnitScoped(principal) || principal.unitId === unitId;
}

/**
 * For something the caller found by an identifier it supplied (an ID number, a unit, case or
 * household id): outside the caller's reach it is answered exactly as an identifier nothing is on
 * file for — `notFound()`, the same error the unknown identifier gets — so the answer never tells
 * that the identifier is known elsewhere, nor where. Refusing with the division (assertCovers)
 * is for divisions the caller names itself.
 */
export function assertFoundWithin(principal: Principal, notFound: () => DomainError, divisionCode: string, unitId?: string): void {
  if (!reaches(principal, divisionCode, unitId)) throw notFound();
}

/**
 * The value to match against a document's `divisionAncestors` array to list only what the caller
 * may see: `{ divisionAncestors: jurisdictionFilter(principal) }`.
 *
 * Services store `divisionAncestors` (from `@civil/kernel`, e.g. ['33','3305','330521']) beside
 * each document's division code and index it. An equality match on an array field is an indexed
 * lookup on MongoDB and FerretDB alike, where a prefix regex on the code would not be. Unit-scoped
 * callers must additionally be filtered by `unitId` (see `isUnitScoped`).
 */
export function jurisdictionFilter(principal: Principal): string {
  return principal.jurisdiction;
}
