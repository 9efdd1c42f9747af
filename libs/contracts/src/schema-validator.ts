import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EventContract } from './event-contract';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** Checks a payload against its contract; returns the reasons it fails, empty when valid. */
export function validatePayload(contract: EventContract<unknown>, payload: unknown): string[] {
  let validate = compiled.get(contract.type);
  if (!validate) {
    validate = ajv.compile(contract.schema);
    compiled.set(contract.type, validate);
  }
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(payload)'} ${e.message ?? 'is invalid'}`.trim());
}
