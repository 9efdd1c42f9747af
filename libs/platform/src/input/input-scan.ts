import type { FieldViolation } from '../errors/validation-errors.flattener';

/** How deeply a request body may nest objects and arrays (the top-level object is level 1). */
export const MAX_INPUT_DEPTH = 32;

/** Keys that would reach an object's prototype, or look like they might, in any code that copies input. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The position of the first control character of a string, or -1: C0 and C1 controls, DEL and
 * the Unicode line and paragraph separators. With `lineBreaks`, tab, line feed, carriage return
 * and the separators are let through (the validation pipe allows them only in free text).
 */
function controlAt(value: string, lineBreaks: boolean): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      if (lineBreaks && (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029)) continue;
      return i;
    }
  }
  return -1;
}

/** Half of a UTF-16 pair alone: not text, and a database would store a replacement character instead. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAX_SEGMENT = 64;
const MAX_VIOLATIONS = 50;

interface Step {
  value: unknown;
  path: string;
  depth: number;
  /** A key refused where it stands (its value is not looked at). */
  refused?: string;
}

export interface InputScanOptions {
  /** Default MAX_INPUT_DEPTH. */
  maxDepth?: number;
  /** The name of the value itself, for a parameter that is a plain string (`townshipCode`). */
  name?: string;
}

/** Why a string cannot be stored as text, or undefined. */
export function stringProblem(value: string): string | undefined {
  const at = controlAt(value, true);
  if (at >= 0)
    return `must not contain control characters (U+${value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at position ${at})`;
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  if (value.length > 0 && value.trim() === '') return 'must not be blank (only spaces)';
  return undefined;
}

function keyProblem(key: string): string | undefined {
  if (FORBIDDEN_KEYS.has(key)) return `is not an accepted field name (${key})`;
  if (controlAt(key, false) >= 0 || LONE_SURROGATE.test(key)) return 'is not an accepted field name (it holds control characters)';
  return undefined;
}

function segment(key: string): string {
  return key.length > MAX_SEGMENT ? `${key.slice(0, MAX_SEGMENT)}…` : key;
}

function join(path: string, key: string): string {
  return path ? `${path}.${segment(key)}` : segment(key);
}

/**
 * Looks at parsed input (a JSON body, a query, a parameter) before anything copies or validates
 * it, and returns what is refused, each by its dotted path:
 * - objects and arrays nested deeper than `maxDepth` (recursive code further on would overflow
 *   the stack: an object 5,000 levels deep, an array 40,000 deep);
 * - the keys `__proto__`, `constructor` and `prototype`, and keys with control characters;
 * - strings with control characters (tab and line breaks aside), unpaired surrogates, or only
 *   white space.
 * It walks with its own stack, so no depth of input can overflow it, and stops after 50 findings.
 */
export function scanInput(value: unknown, options: InputScanOptions = {}): FieldViolation[] {
  const maxDepth = options.maxDepth ?? MAX_INPUT_DEPTH;
  const found: FieldViolation[] = [];
  const root = options.name ?? '';
  const stack: Step[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && found.length < MAX_VIOLATIONS) {
    const { value: at, path, depth, refused } = stack.pop()!;
    if (refused) {
      found.push({ field: path, reasons: [refused] });
      continue;
    }
    if (typeof at === 'string') {
      const reason = stringProblem(at);
      if (reason) found.push({ field: path || '(body)', reasons: [reason] });
      continue;
    }
    if (at === null || typeof at !== 'object') continue;
    if (depth + 1 > maxDepth) {
      found.push({ field: path || '(body)', reasons: [`must not nest objects or arrays more than ${maxDepth} levels deep`] });
      continue;
    }
    const children: Step[] = [];
    if (Array.isArray(at)) {
      for (let i = 0; i < at.length; i++) children.push({ value: at[i], path: join(path, String(i)), depth: depth + 1 });
    } else {
      for (const key of Object.keys(at)) {
        const refusedKey = keyProblem(key);
        if (refusedKey) children.push({ value: undefined, path: join(path, key), depth: depth + 1, refused: refusedKey });
        else children.push({ value: (at as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
      }
    }
    // pushed in reverse, so findings come in the order of the input
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

/** Values the body check has passed; the validation pipe does not walk them a second time. */
const scanned = new WeakSet<object>();

export function markScanned(value: object): void {
  scanned.add(value);
}

export function wasScanned(value: unknown): boolean {
  return value !== null && typeof value === 'object' && scanned.has(value);
}
