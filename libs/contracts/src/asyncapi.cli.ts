import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS_BY_CONTEXT } from './catalog';
import { asyncApiDocument } from './asyncapi';

/** Writes docs/asyncapi/<context>.asyncapi.json for every context (`npm run asyncapi`). */
const out = process.argv[2] ?? join(process.cwd(), 'docs/asyncapi');
mkdirSync(out, { recursive: true });
for (const context of Object.keys(CONTRACTS_BY_CONTEXT)) {
  const file = join(out, `${context}.asyncapi.json`);
  writeFileSync(file, JSON.stringify(asyncApiDocument(context), null, 2) + '\n');
  console.log(`wrote ${file}`);
}
