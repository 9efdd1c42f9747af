import { ArgumentsHost, Catch, Controller, RpcExceptionFilter, UseFilters, applyDecorators } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter replaces a handler's error with a generic one; the consumer runner
 * needs the original to tell an outage (retry) from a rejected event (dead-letter).
 */
@Catch()
export class PassEventErrorsThrough implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Marks a class of `@EventPattern` handlers. */
export function EventController(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new PassEventErrorsThrough()));
}
