import jwt from 'jsonwebtoken';
import { principalFromClaims } from './principal-claims.parser';
import { Role } from './principal.model';

export interface MintTokenClaims {
  sub: string;
  roles: Role[];
  jurisdiction: string;
  unitId?: string;
  /** Lifetime: seconds, or a duration such as '8h', '30m'. Default 8h (one working day). */
  ttl?: string | number;
}

/**
 * Signs a token the way the production identity provider would, for development and tests.
 * Claims are checked first so a bad token fails here, not on the first request.
 */
export function mintToken(claims: MintTokenClaims, privateKeyPem: string, options: { issuer: string; audience: string }): string {
  const payload: Record<string, unknown> = { roles: claims.roles, jurisdiction: claims.jurisdiction };
  if (claims.unitId !== undefined) payload.unit_id = claims.unitId;
  principalFromClaims({ ...payload, sub: claims.sub });
  return jwt.sign(payload, privateKeyPem, {
    algorithm: 'RS256',
    subject: claims.sub,
    issuer: options.issuer,
    audience: options.audience,
    expiresIn: (claims.ttl ?? '8h') as jwt.SignOptions['expiresIn'],
  });
}
