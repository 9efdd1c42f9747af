import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { FieldViolation, flattenValidationErrors } from './validation-errors.flattener';

export interface ValidationFailedBody {
  statusCode: 400;
  error: 'ValidationFailed';
  message: string;
  fields: FieldViolation[];
}

export function validationFailed(errors: ValidationError[]): BadRequestException {
  const fields = flattenValidationErrors(errors);
  const body: ValidationFailedBody = {
    statusCode: 400,
    error: 'ValidationFailed',
    message: `Request body is invalid: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  };
  return new BadRequestException(body);
}

/**
 * Request DTOs are the only input shape a handler sees: unknown fields are refused (not silently
 * dropped, so a client's typo is visible), and each bad field is reported by its dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    // one reason per field: "blank" should not also read "not a number" and "negative"
    stopAtFirstError: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationFailed,
  });
}
