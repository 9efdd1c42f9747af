import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../config/config.error';

export interface PublicKeySource {
  JWT_PUBLIC_KEY?: string;
  JWT_PUBLIC_KEY_FILE?: string;
}

/** The PEM the services verify tokens with: JWT_PUBLIC_KEY if set, else the file it points to. */
export function resolvePublicKey(config: PublicKeySource): string {
  if (config.JWT_PUBLIC_KEY) {
    // Many secret stores and .env files flatten a PEM into one line with literal "\n".
    return config.JWT_PUBLIC_KEY.replace(/\\n/g, '\n');
  }
  const file = config.JWT_PUBLIC_KEY_FILE;
  if (file && existsSync(file)) return readFileSync(file, 'utf8');
  const where = file ? `JWT_PUBLIC_KEY_FILE points to ${resolve(file)}, which does not exist` : 'JWT_PUBLIC_KEY_FILE is not set';
  throw new ConfigError(
    `No JWT public key: JWT_PUBLIC_KEY is not set and ${where}. ` +
      'Set one of them, or in development run `npm run build && npm run token -- --sub dev --roles admin --jurisdiction 33` once to create .local/keys.',
    ['JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE'],
  );
}
