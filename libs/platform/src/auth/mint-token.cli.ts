import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BaseServiceConfig } from '../config/base-service.config';
import { ensureDevKeys } from './dev-keys.generator';
import { mintToken } from './token.minter';
import { Role } from './principal.model';

const USAGE =
  'usage: mint-token --sub <id> --roles <role[,role]> --jurisdiction <division code> [--unit <unit id>] [--ttl 8h] [--keys-dir .local/keys]';

/**
 * Development token minting: `npm run token -- --sub alice --roles county-officer --jurisdiction 330521`.
 * Issuer and audience come from JWT_ISSUER / JWT_AUDIENCE so tokens match the services' config.
 * Returns the exit code; the token alone goes to `out` so it can be captured by a shell.
 */
export function mintTokenCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): number {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        sub: { type: 'string' },
        roles: { type: 'string' },
        jurisdiction: { type: 'string' },
        unit: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        'keys-dir': { type: 'string', default: '.local/keys' },
      },
    }).values as Record<string, string | undefined>;
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { sub, roles, jurisdiction, unit, ttl } = values;
  if (!sub || !roles || !jurisdiction) {
    err(`--sub, --roles and --jurisdiction are required\n${USAGE}`);
    return 2;
  }
  const defaults = new BaseServiceConfig();
  try {
    const { privateKeyPath } = ensureDevKeys(values['keys-dir']);
    const token = mintToken(
      {
        sub,
        roles: roles.split(',').map((r) => r.trim()) as Role[],
        jurisdiction,
        unitId: unit,
        ttl: ttl && /^\d+$/.test(ttl) ? Number(ttl) : ttl,
      },
      readFileSync(privateKeyPath, 'utf8'),
      { issuer: env.JWT_ISSUER || defaults.JWT_ISSUER, audience: env.JWT_AUDIENCE || defaults.JWT_AUDIENCE },
    );
    out(token);
    return 0;
  } catch (error) {
    err(`cannot mint token: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = mintTokenCli(process.argv.slice(2));
}
