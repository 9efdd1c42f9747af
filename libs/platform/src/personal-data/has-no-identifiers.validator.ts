import { identifierIn } from '@civil/kernel';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Free text that is published in events or read across offices (summaries, reasons, notes):
 * refused with 400 when it holds an ID number or a phone number, which belong in the encrypted
 * fields made for them, never in text that travels.
 */
export function HasNoIdentifiers(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasNoIdentifiers',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || identifierIn(value) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'text'} ${(typeof args?.value === 'string' && identifierIn(args.value)) || 'must not contain personal identifiers'} (它会随事件发布，请勿填写身份证号或电话)`,
      },
    },
    options,
  );
}
