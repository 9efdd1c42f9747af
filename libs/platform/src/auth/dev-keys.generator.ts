import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DevKeyPaths {
  privateKeyPath: string;
  publicKeyPath: string;
}

/**
 * Creates the local signing keypair once (development only; production verifies against the
 * identity provider's key). The public key is always derived from the private one, so a missing
 * or stale public file cannot disagree with the key that signs.
 */
export function ensureDevKeys(dir = '.local/keys'): DevKeyPaths {
  const root = resolve(dir);
  const privateKeyPath = join(root, 'jwt-private.pem');
  const publicKeyPath = join(root, 'jwt-public.pem');
  mkdirSync(root, { recursive: true, mode: 0o700 });

  if (!existsSync(privateKeyPath)) {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    try {
      // 'wx': when two processes race, the first key wins and the second keeps it.
      writeFileSync(privateKeyPath, privateKey, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(privateKeyPath, 0o600);

  const publicPem = createPublicKey(readFileSync(privateKeyPath, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(publicKeyPath) || readFileSync(publicKeyPath, 'utf8') !== publicPem) {
    writeFileSync(publicKeyPath, publicPem, { mode: 0o644 });
  }
  return { privateKeyPath, publicKeyPath };
}
