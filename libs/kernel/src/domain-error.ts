/**
 * A rule a request broke, as a value with a code a program can branch on and a message a person
 * can act on. The HTTP layer maps the kind to a status; the domain never knows about HTTP.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError('invalid', code, message, details);
  }

  static notFound(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError('not-found', code, message, details);
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError('conflict', code, message, details);
  }

  static forbidden(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError('forbidden', code, message, details);
  }
}
