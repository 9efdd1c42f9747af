import { generateKeyPairSync } from 'node:crypto';
import { mintToken, MintTokenClaims } from '@civil/platform';

/** A signing key made for this test process; services under test get its public half. */
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export const TEST_ISSUER = 'civil-affairs-test';
export const TEST_AUDIENCE = 'civil-affairs';
export const testPublicKey = keys.publicKey;

export function tokenFor(claims: MintTokenClaims): string {
  return mintToken(claims, keys.privateKey, { issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
}

export function bearer(claims: MintTokenClaims): { Authorization: string } {
  return { Authorization: `Bearer ${tokenFor(claims)}` };
}
