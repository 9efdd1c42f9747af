import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS_BY_CONTEXT } from './catalog';
import { asyncApiDocument, READING_SERVICES, readerAsyncApiDocument } from './asyncapi';

/** Writes docs/asyncapi/<context>.asyncapi.json for every context and every reading service (`npm run asyncapi`). */
const out = process.argv[2] ?? join(process.cwd(), 'docs/asyncapi');
mkdirSync(out, { recursive: true });
for (const context of Object.keys(CONTRACTS_BY_CONTEXT)) {
  const file = join(out, `${context}.asyncapi.json`);
  writeFileSync(file, JSON.stringify(asyncApiDocument(context), null, 2) + '\n');
  console.log(`wrote ${file}`);
}
for (const service of Object.keys(READING_SERVICES)) {
  const file = join(out, `${service}.asyncapi.json`);
  writeFileSync(file, JSON.stringify(readerAsyncApiDocument(service), null, 2) + '\n');
  console.log(`wrote ${file}`);
}
