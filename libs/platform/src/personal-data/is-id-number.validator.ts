import { idNumberProblem } from '@civil/kernel';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A valid resident ID number (居民身份证号码): 18 characters with its GB 11643 check character, or
 * the old 15-digit form. The reason names the broken rule and never echoes the value.
 */
export function IsIdNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && idNumberProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? (idNumberProblem(args.value) ?? 'is not a valid ID number') : 'must be an ID number (string)',
      },
    },
    options,
  );
}
