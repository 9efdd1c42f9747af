import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { validationFailedBody } from '../errors/validation.pipe';
import { markScanned, scanInput } from './input-scan';

/** The largest request body accepted (JSON or form); larger ones are answered 413. */
export const BODY_LIMIT = '100kb';

/**
 * Parses JSON and form bodies (at most `limit`) and refuses a hostile one before any handler,
 * pipe or copy sees it: nesting deeper than 32 levels, `__proto__` / `constructor` / `prototype`
 * keys, control characters, blank strings. 400 `ValidationFailed` with `fields: [{field,
 * reasons}]`, as for any invalid input; 413 for a body over the limit.
 *
 * Registered here, before Nest's own parsers would be (at init), so these are the parsers and
 * the check runs right after them.
 */
export function useCheckedBodyParsing(app: INestApplication, options: { limit?: string } = {}): void {
  const limit = options.limit ?? BODY_LIMIT;
  const express = app as NestExpressApplication;
  if (typeof express.useBodyParser !== 'function') return; // not Express: the validation pipe still checks
  express.useBodyParser('json', { limit });
  express.useBodyParser('urlencoded', { limit, extended: true });
  app.use(answerOversizedBody(limit));
  app.use(refuseHostileBody);
}

function answerOversizedBody(limit: string) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large' || type === 'parameters.too.many') {
      res.status(413).json({ statusCode: 413, error: 'PayloadTooLarge', message: `Request body is larger than ${limit}` });
      return;
    }
    next(error);
  };
}

function refuseHostileBody(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body !== null && typeof body === 'object') {
    const fields = scanInput(body);
    if (fields.length > 0) {
      res.status(400).json(validationFailedBody(fields));
      return;
    }
    markScanned(body);
  }
  next();
}
