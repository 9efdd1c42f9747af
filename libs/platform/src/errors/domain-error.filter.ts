import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@civil/kernel';
import { Observable, throwError } from 'rxjs';

const STATUS_BY_KIND: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/** The body of a refused request: the rule's code, so clients branch on it, and its message. */
export interface DomainErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export function domainErrorStatus(error: DomainError): HttpStatus {
  return STATUS_BY_KIND[error.kind] ?? HttpStatus.BAD_REQUEST;
}

/** Maps the domain's refusals to HTTP, so handlers throw DomainError and never build responses. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void | Observable<never> {
    // Message handlers must see the error so the consumer runner can retry or dead-letter.
    if (host.getType() !== 'http') return throwError(() => error);

    const statusCode = domainErrorStatus(error);
    const body: DomainErrorBody = { statusCode, error: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    host.switchToHttp().getResponse().status(statusCode).json(body);
  }
}
