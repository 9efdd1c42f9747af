import { JsonSchema } from './event-contract';

/**
 * Whether a new payload schema can be read by consumers built against the released one: no
 * property removed or retyped, no new required property, no enum value removed. Returns the
 * breaking changes; a breaking change needs a new major version (a v2 type and topic).
 */
export function breakingChanges(released: JsonSchema, next: JsonSchema, path = ''): string[] {
  const problems: string[] = [];
  const relProps = (released.properties ?? {}) as Record<string, JsonSchema>;
  const nextProps = (next.properties ?? {}) as Record<string, JsonSchema>;
  const relRequired = new Set((released.required ?? []) as string[]);
  for (const name of Object.keys(relProps)) {
    const at = `${path}/${name}`;
    if (!(name in nextProps)) {
      problems.push(`${at}: removed`);
      continue;
    }
    if (relRequired.has(name) && !((next.required ?? []) as string[]).includes(name)) {
      problems.push(`${at}: no longer required (consumers rely on it)`);
    }
    const a = relProps[name];
    const b = nextProps[name];
    if (a.type !== b.type) problems.push(`${at}: type changed from ${String(a.type)} to ${String(b.type)}`);
    if (Array.isArray(a.enum)) {
      const kept = new Set((b.enum ?? []) as unknown[]);
      for (const v of a.enum) if (!kept.has(v)) problems.push(`${at}: enum value ${String(v)} removed`);
    }
    if (a.type === 'object') problems.push(...breakingChanges(a, b, at));
  }
  for (const name of (next.required ?? []) as string[]) {
    if (!relRequired.has(name)) problems.push(`${path}/${name}: newly required (old producers do not send it)`);
  }
  return problems;
}
