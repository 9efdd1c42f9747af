import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
// express comes with @nestjs/platform-express, the HTTP adapter every service runs on
const serveStatic = require('express').static as (
  root: string,
  options?: Record<string, unknown>,
) => (req: Request, res: Response, next: NextFunction) => void;

/** Where the built console is, unless LINEAGE_CONSOLE_DIR says otherwise. */
export function consoleDir(configured?: string): string {
  return resolve(configured ?? join(process.cwd(), 'dist/services/event-lineage/console'));
}

/**
 * The console's built files at `/console/`; any other path under it is the single-page app's
 * (its index.html answers, and the app routes on the client). `/` redirects there. Without a
 * build the console paths answer 404 saying how to build it; the API is unaffected.
 */
export function serveConsole(app: INestApplication, dir: string): void {
  const http = app.getHttpAdapter().getInstance() as {
    get(path: string | RegExp, h: (req: Request, res: Response, next: NextFunction) => void): void;
    use(path: string, h: (req: Request, res: Response, next: NextFunction) => void): void;
  };
  http.get('/', (_req, res) => res.redirect(302, '/console/'));
  http.use('/console', serveStatic(dir, { index: 'index.html', fallthrough: true, redirect: false }));
  http.use('/console', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(404).json({ statusCode: 404, error: 'ConsoleNotBuilt', message: `no console build in ${dir} (index.html missing)` });
      return;
    }
    res.sendFile(index);
  });
}
