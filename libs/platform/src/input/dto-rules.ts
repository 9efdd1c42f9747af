import { getMetadataStorage, ValidationError } from 'class-validator';

/**
 * A string field whose declared maximum is at least this long is free text (a reason, a summary,
 * a description, notes) and may hold line breaks and tabs; every other string is one line.
 */
export const FREE_TEXT_MIN_LENGTH = 500;

const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

interface PropertyRules {
  /** Conditions (IsOptional, ValidateIf): the property's rules apply only when every one holds. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  /** Validated as a nested object (ValidateNested). */
  nested: boolean;
  /** IsDefined is declared (class-validator then reports a missing value itself). */
  defined: boolean;
  /** The declared bounds of a string's length (Length, MinLength, MaxLength), when any. */
  minLength?: number;
  maxLength?: number;
}

const cache = new WeakMap<object, Map<string, PropertyRules>>();

function rulesOf(target: object): Map<string, PropertyRules> {
  const known = cache.get(target);
  if (known) return known;
  const rules = new Map<string, PropertyRules>();
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target as new () => object, '', true, false);
  for (const m of metadatas) {
    const r = rules.get(m.propertyName) ?? { conditions: [], nested: false, defined: false };
    rules.set(m.propertyName, r);
    if (m.type === 'conditionalValidation' && typeof m.constraints?.[0] === 'function')
      r.conditions.push(m.constraints[0] as PropertyRules['conditions'][number]);
    else if (m.type === 'nestedValidation') r.nested = true;
    else if (m.type === 'isDefined') r.defined = true;
    else if (m.name === 'isLength') {
      r.minLength = asNumber(m.constraints?.[0]) ?? r.minLength;
      r.maxLength = asNumber(m.constraints?.[1]) ?? r.maxLength;
    } else if (m.name === 'minLength') r.minLength = asNumber(m.constraints?.[0]) ?? r.minLength;
    else if (m.name === 'maxLength') r.maxLength = asNumber(m.constraints?.[0]) ?? r.maxLength;
  }
  cache.set(target, rules);
  return rules;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function fieldError(property: string, constraint: string, reason: string): ValidationError {
  const error = new ValidationError();
  error.property = property;
  error.constraints = { [constraint]: reason };
  error.children = [];
  return error;
}

function stringReason(value: string, rules: PropertyRules, required: boolean): [string, string] | undefined {
  if (value === '' && required && (rules.minLength ?? 1) > 0) return ['isNotBlank', 'must not be blank'];
  if (LINE_BREAK_OR_TAB.test(value) && (rules.maxLength ?? 0) < FREE_TEXT_MIN_LENGTH)
    return ['isOneLine', 'must be one line (no line breaks or tabs)'];
  return undefined;
}

/**
 * The rules every request DTO follows without saying so, checked on the transformed DTO (each
 * problem by its dotted path):
 * - a nested object (ValidateNested) that is not optional must be given: class-validator skips
 *   an absent one, and the handler would then read a property of undefined;
 * - a required string must not be empty (unless its declared minimum length is 0);
 * - a string is one line unless the field is free text (declared maximum ≥ 500 characters).
 */
export function dtoRuleViolations(dto: unknown): ValidationError[] {
  const out: ValidationError[] = [];
  const stack: Array<{ object: object; path: string }> = [];
  if (dto !== null && typeof dto === 'object') stack.push({ object: dto, path: '' });
  while (stack.length > 0) {
    const { object, path } = stack.pop()!;
    const ctor = (object as { constructor?: unknown }).constructor;
    if (typeof ctor !== 'function' || ctor === Object || ctor === Array) continue;
    for (const [property, rules] of rulesOf(ctor)) {
      const value = (object as Record<string, unknown>)[property];
      const field = path ? `${path}.${property}` : property;
      const applies = rules.conditions.every((holds) => holds(object, value));
      if (!applies) continue;
      if (rules.nested && value === undefined && !rules.defined) {
        out.push(fieldError(field, 'isDefined', 'must be given'));
        continue;
      }
      const required = !rules.conditions.length;
      const items = Array.isArray(value) ? value.map((v, i) => [`${field}.${i}`, v] as const) : [[field, value] as const];
      for (const [itemField, item] of items) {
        if (typeof item === 'string') {
          const reason = stringReason(item, rules, required || Array.isArray(value));
          if (reason) out.push(fieldError(itemField, reason[0], reason[1]));
        } else if (item !== null && typeof item === 'object' && rules.nested) {
          stack.push({ object: item, path: itemField });
        }
      }
    }
  }
  return out;
}
