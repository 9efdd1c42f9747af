import { Injectable, PipeTransform } from '@nestjs/common';
import { DivisionLevel, DomainError } from '@civil/kernel';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ALL_DIVISION_LEVELS, divisionCodeProblem } from './division-table';

const DIGITS: Record<DivisionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

export interface DivisionCodeOptions {
  /** The levels the field accepts; default every level (2, 4, 6, 9 or 12 digits). */
  levels?: readonly DivisionLevel[];
  /** The reason for a value of the wrong shape (wrong length, not digits); default names the lengths. */
  shapeMessage?: string;
}

function shapeReason(property: string, levels: readonly DivisionLevel[]): string {
  return `${property} must be a division code of ${levels.map((l) => DIGITS[l]).join(', ')} digits`;
}

function unknownReason(property: string, value: string): string {
  return `${property} ${value} is not in the administrative division table (行政区划代码不存在)`;
}

/**
 * A division code of the allowed levels that exists: in the published administrative division
 * table (or EXTRA_DIVISION_CODES); a village (12 digits) when its township does. `each: true`
 * checks every item of an array.
 */
export function IsDivisionCode(
  options: DivisionCodeOptions = {},
  validationOptions?: Omit<ValidationOptions, 'message'>,
): PropertyDecorator {
  const levels = options.levels ?? ALL_DIVISION_LEVELS;
  // the OpenAPI document shows the shape (the table itself is too large to list)
  const code = {
    type: 'string',
    pattern: `^(${levels.map((l) => `\\d{${DIGITS[l]}}`).join('|')})$`,
    description: 'administrative division code (行政区划代码) of the published table',
  } as const;
  const document = JSONSchema(validationOptions?.each ? { items: code } : code);
  const validate = ValidateBy(
    {
      name: 'isDivisionCode',
      constraints: [levels],
      validator: {
        validate: (value: unknown) => divisionCodeProblem(value, levels) === undefined,
        defaultMessage: (args) => {
          const property = args?.property ?? 'divisionCode';
          const value = args?.value;
          // with each: true the message is made once for the array: name the first bad item
          const bad = Array.isArray(value) ? value.find((v) => divisionCodeProblem(v, levels) !== undefined) : value;
          if (divisionCodeProblem(bad, levels) === 'unknown') return unknownReason(property, bad as string);
          return options.shapeMessage ?? shapeReason(property, levels);
        },
      },
    },
    validationOptions,
  );
  return (target, key) => {
    document(target, key as string);
    validate(target, key);
  };
}

/**
 * For a division code in a path or query parameter: answers 400 naming the parameter, as a
 * controller's own check would (`DomainError` with `details.field`), and passes the code on.
 *
 *   @Param('townshipCode', new DivisionCodePipe('townshipCode', { levels: ['township'] })) townshipCode: string
 */
@Injectable()
export class DivisionCodePipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly field: string,
    private readonly options: DivisionCodeOptions & { optional?: boolean; errorCode?: string } = {},
  ) {}

  transform(value: unknown): string | undefined {
    if (value === undefined && this.options.optional) return undefined;
    const levels = this.options.levels ?? ALL_DIVISION_LEVELS;
    const problem = divisionCodeProblem(value, levels);
    if (problem === undefined) return value as string;
    const code = this.options.errorCode ?? `Invalid${this.field[0]!.toUpperCase()}${this.field.slice(1)}`;
    const message =
      problem === 'unknown' ? unknownReason(this.field, value as string) : (this.options.shapeMessage ?? shapeReason(this.field, levels));
    throw DomainError.invalid(code, message, { field: this.field });
  }
}
