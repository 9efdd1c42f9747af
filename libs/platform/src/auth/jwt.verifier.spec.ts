import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ConfigError } from '../config/config.error';
import { JwtVerifier } from './jwt.verifier';
import { InvalidTokenError } from './principal-claims.parser';
import { mintToken } from './token.minter';

const ISSUER = { issuer: 'civil-affairs-test', audience: 'civil-affairs' };

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('JwtVerifier', () => {
  const keys = rsaPair();
  const other = rsaPair();
  const verifier = new JwtVerifier({ publicKeyPem: keys.publicKey, ...ISSUER });

  function rejection(token: string): string {
    try {
      verifier.verify(token);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTokenError);
      return (error as Error).message;
    }
    throw new Error('expected the token to be rejected');
  }

  it('accepts a minted token and reads the principal', () => {
    const token = mintToken({ sub: 'alice', roles: ['county-officer'], jurisdiction: '330521' }, keys.privateKey, ISSUER);
    expect(verifier.verify(token)).toEqual({ sub: 'alice', roles: ['county-officer'], jurisdiction: '330521' });

    const staff = mintToken({ sub: 'bob', roles: ['unit-staff'], jurisdiction: '330521101', unitId: 'U-7' }, keys.privateKey, ISSUER);
    expect(verifier.verify(staff)).toEqual({ sub: 'bob', roles: ['unit-staff'], jurisdiction: '330521101', unitId: 'U-7' });
  });

  it('rejects a token signed with another key', () => {
    const token = mintToken({ sub: 'alice', roles: ['admin'], jurisdiction: '33' }, other.privateKey, ISSUER);
    expect(rejection(token)).toBe('Token is invalid: invalid signature');
  });

  it('rejects an expired token', () => {
    const token = mintToken({ sub: 'alice', roles: ['admin'], jurisdiction: '33', ttl: -60 }, keys.privateKey, ISSUER);
    expect(rejection(token)).toMatch(/^Token expired at \d{4}-/);
  });

  it('rejects HS256, even when the public key is used as the HMAC secret', () => {
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const now = Math.floor(Date.now() / 1000);
    const body = base64url({
      sub: 'mallory',
      roles: ['admin'],
      jurisdiction: '33',
      iss: ISSUER.issuer,
      aud: ISSUER.audience,
      iat: now,
      exp: now + 600,
    });
    const signature = createHmac('sha256', keys.publicKey).update(`${header}.${body}`).digest('base64url');
    expect(rejection(`${header}.${body}.${signature}`)).toBe('Token is invalid: invalid algorithm');
  });

  it('rejects the wrong issuer or audience', () => {
    const token = mintToken({ sub: 'a', roles: ['admin'], jurisdiction: '33' }, keys.privateKey, { ...ISSUER, audience: 'elsewhere' });
    expect(rejection(token)).toMatch(/audience invalid/);
  });

  it('rejects tokens whose claims cannot be scoped', () => {
    const sign = (payload: object) =>
      jwt.sign(payload, keys.privateKey, { algorithm: 'RS256', subject: 'alice', expiresIn: 60, ...ISSUER });
    expect(rejection(sign({ roles: ['county-officer'] }))).toMatch(/jurisdiction is not an administrative division code/);
    expect(rejection(sign({ roles: ['county-officer'], jurisdiction: '33052' }))).toMatch(/jurisdiction/);
    expect(rejection(sign({ roles: [], jurisdiction: '33' }))).toBe('Token has no roles');
    expect(rejection(sign({ roles: ['mayor'], jurisdiction: '33' }))).toBe('Token has unknown roles: mayor');
    expect(rejection(sign({ roles: ['unit-staff'], jurisdiction: '330521' }))).toBe('Token for unit-staff has no unit_id');
  });

  it('refuses to start with a key that is not an RSA public key', () => {
    expect(() => new JwtVerifier({ publicKeyPem: 'not a pem', ...ISSUER })).toThrow(ConfigError);
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => new JwtVerifier({ publicKeyPem: ec.publicKey, ...ISSUER })).toThrow('must be RSA');
  });
});

describe('mintToken', () => {
  it('refuses claims a verifier would reject', () => {
    const { privateKey } = rsaPair();
    expect(() => mintToken({ sub: 'bob', roles: ['unit-staff'], jurisdiction: '330521' }, privateKey, ISSUER)).toThrow('no unit_id');
  });
});
