import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serviceEnv, waitFor } from '@civil/testing';
import { freePort } from './private-servers';

const ROOT = resolve(__dirname, '../../..');

/**
 * A service as its own process, started from the compiled tree (`npm run build`) the way
 * deployments run it, so a test can SIGKILL it: no shutdown hook runs, nothing is flushed.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';
  baseUrl = '';

  constructor(
    private readonly service: string,
    private readonly run: { topicPrefix: string; dbName: (s: string) => string },
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  async start(): Promise<this> {
    const main = join(ROOT, 'dist/services', this.service, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first (npm test does)`);
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.output = '';
    const child = spawn(process.execPath, ['-r', join(ROOT, 'deploy/local/register-paths.js'), main], {
      cwd: ROOT,
      // the child's lines are kept here (logs()), not in the test file's log
      env: {
        ...process.env,
        LOG_FILE: '',
        ...serviceEnv(this.run, this.service, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...this.extraEnv }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
    await waitFor(
      `${this.service} to answer /health/ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.service} exited with ${child.exitCode}: ${this.output.slice(-2_000)}`);
        const res = await fetch(`${this.baseUrl}/health/ready`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      },
      90_000,
      200,
    );
    return this;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }

  logs(): string {
    return this.output;
  }
}
