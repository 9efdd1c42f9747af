import { createPublicKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ConfigError } from '../config/config.error';
import { InvalidTokenError, principalFromClaims } from './principal-claims.parser';
import { Principal } from './principal.model';

export interface JwtVerifierOptions {
  publicKeyPem: string;
  issuer: string;
  audience: string;
  /** Seconds of clock difference tolerated between the issuer and this host. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies bearer tokens. RS256 only: accepting HS* would let anyone holding the public key forge
 * tokens by using it as an HMAC secret.
 */
export class JwtVerifier {
  private readonly key: KeyObject;

  constructor(private readonly options: JwtVerifierOptions) {
    // A bad key is a deployment mistake: fail at start-up, not as a 401 on every request.
    try {
      this.key = createPublicKey(options.publicKeyPem);
    } catch {
      throw new ConfigError('JWT public key is not a PEM public key', ['JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE']);
    }
    if (this.key.asymmetricKeyType !== 'rsa') {
      throw new ConfigError(`JWT public key must be RSA (RS256), got ${this.key.asymmetricKeyType}`, ['JWT_PUBLIC_KEY']);
    }
  }

  /** The caller the token names; throws InvalidTokenError with a reason otherwise. */
  verify(token: string): Principal {
    let claims: string | jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
      });
    } catch (error) {
      throw new InvalidTokenError(reasonOf(error));
    }
    if (typeof claims === 'string') throw new InvalidTokenError('Token payload is not a JSON object');
    return principalFromClaims(claims);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return `Token expired at ${error.expiredAt.toISOString()}`;
  if (error instanceof jwt.NotBeforeError) return `Token not valid before ${error.date.toISOString()}`;
  if (error instanceof jwt.JsonWebTokenError) return `Token is invalid: ${error.message}`;
  return 'Token could not be verified';
}
