import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, finalize, mergeMap } from 'rxjs/operators';
import { PRINCIPAL_REQUEST_KEY, RequestWithPrincipal } from '../auth/auth.decorators';
import { InjectClock } from '../clock/clock.module';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyKeyOf,
  idempotencyRecordId,
  requestFingerprint,
} from './idempotency-key';
import { IDEMPOTENCY_LEASE_MS, IdempotencyStore } from './idempotency.store';

type HttpRequest = RequestWithPrincipal & {
  method: string;
  path: string;
  route?: { path?: string };
  params?: unknown;
  query?: unknown;
  body?: unknown;
};
type HttpResponse = { statusCode: number; status(code: number): unknown; setHeader(name: string, value: string): unknown };

/**
 * `Idempotency-Key` on every POST: the first request with a key runs and, if its answer is 2xx,
 * that answer (status and body) is kept for a day; the same key again from the same caller on the
 * same route with the same parameters, query and body gets that answer again, with
 * `Idempotent-Replayed: true`, and nothing runs twice. The same key with anything else is 422
 * `IdempotencyKeyReused`; while the first is still running, 409 `IdempotentRequestInProgress`
 * (Retry-After: 1). A 4xx or 5xx answer is not kept: it frees the key, so a corrected request may
 * use it. A malformed key is 400 `InvalidIdempotencyKey`. Requests without the header are untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
    if (key === undefined) return next.handle();
    const response = context.switchToHttp().getResponse<HttpResponse>();

    const sub = request[PRINCIPAL_REQUEST_KEY]?.sub ?? '';
    const route = request.route?.path ?? request.path;
    const id = idempotencyRecordId(sub, request.method, route, key);
    const begun = await this.store.begin(
      { _id: id, sub, method: request.method, route, key, requestHash: requestFingerprint(request) },
      this.clock.now(),
    );

    switch (begun.outcome) {
      case 'reused':
        throw new HttpException(
          {
            statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
            error: 'IdempotencyKeyReused',
            message: `this ${IDEMPOTENCY_KEY_HEADER} was used for another request (other parameters or body); use a new key for a new request`,
          },
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      case 'in-progress':
        response.setHeader('Retry-After', '1');
        throw DomainError.conflict(
          'IdempotentRequestInProgress',
          `a request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry shortly for its answer`,
        );
      case 'replay':
        response.status(begun.status);
        response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(begun.body === null ? undefined : JSON.parse(begun.body));
    }

    const { version } = begun;
    let held = true;
    const heartbeat = setInterval(() => {
      this.store.renew(id, version, this.clock.now()).then(
        (ok) => (held = ok),
        () => undefined,
      );
    }, IDEMPOTENCY_LEASE_MS / 3);
    heartbeat.unref();
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            const status = response.statusCode;
            if (held && status >= 200 && status < 300) {
              const kept = await this.store
                .complete(id, version, status, result === undefined ? null : JSON.stringify(result))
                .catch(() => false);
              if (!kept) await this.store.release(id, version).catch(() => undefined);
            } else {
              await this.store.release(id, version).catch(() => undefined);
            }
            return result;
          })(),
        ),
      ),
      catchError((error: unknown) =>
        from(this.store.release(id, version).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error))),
      ),
      finalize(() => clearInterval(heartbeat)),
    );
  }
}
