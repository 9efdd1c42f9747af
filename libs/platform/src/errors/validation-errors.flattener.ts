import type { ValidationError } from 'class-validator';

/** One field that failed validation, addressed by its dotted path (`items.0.name`). */
export interface FieldViolation {
  field: string;
  reasons: string[];
}

/**
 * class-validator nests errors by object and array index; callers want one flat list a person
 * (or a form) can map back to inputs, so children are walked into dotted paths.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) {
      out.push({ field, reasons: messages.map((m) => withoutPropertyName(m, error.property)) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * Default messages start with the property name ("PORT must be ..."); the field is already named
 * beside the reason, so repeating it reads badly.
 */
function withoutPropertyName(message: string, property: string): string {
  for (const lead of [`${property} `, `property ${property} `]) {
    if (message.startsWith(lead)) return message.slice(lead.length);
  }
  return message;
}
