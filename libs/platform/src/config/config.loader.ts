import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { flattenValidationErrors } from '../errors/validation-errors.flattener';
import { ConfigError } from './config.error';

const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN/i;

/**
 * Reads and validates the environment into a typed config object, failing fast with one line per
 * bad variable so an operator can fix every problem in one go.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const raw = pickDeclared(schema, env);
  const config = plainToInstance(schema, raw, { enableImplicitConversion: true });
  const errors = validateSync(config, { stopAtFirstError: true, forbidUnknownValues: false });
  if (errors.length === 0) return config;

  const violations = flattenValidationErrors(errors);
  const lines = violations.map(({ field, reasons }) => `  ${field}: ${reasons.join('; ')} (${describe(field, raw[field])})`);
  throw new ConfigError(
    `Invalid configuration (${schema.name}):\n${lines.join('\n')}`,
    violations.map((v) => v.field),
  );
}

/**
 * Only the variables the schema declares are read: the rest of the environment (PATH, HOME, ...)
 * has no business in the config object. Empty strings count as unset, because compose files and
 * manifests write `NAME=` to mean "use the default".
 */
function pickDeclared(schema: new () => object, env: NodeJS.ProcessEnv): Record<string, string> {
  const names = new Set<string>(Object.keys(new schema()));
  for (const m of getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false)) {
    names.add(m.propertyName);
  }
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

function describe(name: string, value: string | undefined): string {
  if (value === undefined) return 'not set';
  if (SECRET_NAME.test(name)) return 'value hidden';
  // A URL can carry credentials (mongodb://user:pw@host) even when its name looks harmless.
  return `got "${value.replace(/\/\/([^/:@]*):[^/@]*@/, '//$1:***@')}"`;
}
