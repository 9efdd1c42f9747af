import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONTRACTS } from './catalog';

/**
 * Records the current payload schemas as released (`npm run contracts:release`). The contract
 * tests compare every later change against these files and fail on a breaking change.
 */
const dir = process.argv[2] ?? join(process.cwd(), 'libs/contracts/released');
mkdirSync(dir, { recursive: true });
for (const c of ALL_CONTRACTS) {
  writeFileSync(join(dir, `${c.type}.schema.json`), JSON.stringify(c.schema, null, 2) + '\n');
  console.log(`released ${c.type}`);
}
