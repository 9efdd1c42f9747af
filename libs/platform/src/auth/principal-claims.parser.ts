import { isDivisionCode } from '@civil/kernel';
import { isRole, Principal } from './principal.model';

/** The token said something the platform cannot act on; the message says what. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Turns verified JWT claims into a Principal, refusing tokens whose claims would make the
 * jurisdiction guard guess. Claims: `sub`, `roles`, `jurisdiction`, `unit_id`.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, roles, jurisdiction, unit_id: unitId } = claims;
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidTokenError('Token has no subject (sub)');
  if (!Array.isArray(roles) || roles.length === 0) throw new InvalidTokenError('Token has no roles');
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) throw new InvalidTokenError(`Token has unknown roles: ${unknown.join(', ')}`);
  if (!isDivisionCode(jurisdiction)) {
    throw new InvalidTokenError('Token jurisdiction is not an administrative division code (2, 4, 6, 9 or 12 digits)');
  }
  if (unitId !== undefined && (typeof unitId !== 'string' || unitId.length === 0)) {
    throw new InvalidTokenError('Token unit_id must be a non-empty string');
  }
  if (roles.includes('unit-staff') && unitId === undefined) {
    throw new InvalidTokenError('Token for unit-staff has no unit_id');
  }
  const principal: Principal = { sub, roles: [...new Set(roles)], jurisdiction };
  if (unitId !== undefined) principal.unitId = unitId;
  return principal;
}
