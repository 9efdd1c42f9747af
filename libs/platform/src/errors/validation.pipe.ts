import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { dtoRuleViolations } from '../input/dto-rules';
import { scanInput, wasScanned } from '../input/input-scan';
import { FieldViolation, flattenValidationErrors } from './validation-errors.flattener';

export interface ValidationFailedBody {
  statusCode: 400;
  error: 'ValidationFailed';
  message: string;
  fields: FieldViolation[];
}

export function validationFailedBody(fields: FieldViolation[]): ValidationFailedBody {
  return {
    statusCode: 400,
    error: 'ValidationFailed',
    message: `Request body is invalid: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  };
}

export function validationFailed(errors: ValidationError[]): BadRequestException {
  return fieldsRefused(flattenValidationErrors(errors));
}

export function fieldsRefused(fields: FieldViolation[]): BadRequestException {
  return new BadRequestException(validationFailedBody(fields));
}

/**
 * Request DTOs are the only input shape a handler sees: unknown fields are refused (not silently
 * dropped, so a client's typo is visible), and each bad field is reported by its dotted path.
 *
 * Before class-transformer copies anything, every body, query and parameter is looked at as it
 * came (see scanInput: nesting depth, prototype keys, control characters, blank strings) — the
 * body parser's check has usually done so already. After class-validator, the rules every DTO
 * keeps without saying so are added (see dtoRuleViolations: a required nested object must be
 * given, a required string must not be empty, short strings are one line).
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      // one reason per field: "blank" should not also read "not a number" and "negative"
      stopAtFirstError: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationFailed,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') && !wasScanned(value)) {
      // a named parameter (`@Param('townshipCode')`, `@Query('divisionCode')`) is reported by its name
      const fields = scanInput(value, { name: metadata.data });
      if (fields.length > 0) throw fieldsRefused(fields);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    const more = dtoRuleViolations(object);
    if (more.length === 0) return errors;
    // a field class-validator has already refused keeps its own reason
    const reported = flattenValidationErrors(errors).map((f) => f.field);
    const covered = (field: string) => reported.some((r) => field === r || field.startsWith(`${r}.`));
    return [...errors, ...more.filter((e) => !covered(e.property))];
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe();
}
