import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@civil/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

/** A port nobody listens on now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Kafka broker or database of the fault test's own, started by the project's scripts
 * (deploy/local/*.sh) with their own state directory and ports, so the test can kill and freeze it
 * without touching the servers every other test shares.
 */
export class PrivateServer {
  private readonly dir: string;

  private constructor(
    readonly kind: 'kafka' | 'mongo',
    private readonly ports: Record<string, string>,
    readonly address: string,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `civil-fault-${kind}-`));
  }

  static async kafka(): Promise<PrivateServer> {
    const [port, controller] = [await freePort(), await freePort()];
    return new PrivateServer('kafka', { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controller) }, `127.0.0.1:${port}`);
  }

  static async mongo(): Promise<PrivateServer> {
    const port = await freePort();
    return new PrivateServer('mongo', { MONGO_PORT: String(port) }, `mongodb://127.0.0.1:${port}`);
  }

  private async script(command: 'start' | 'stop'): Promise<void> {
    const env = { ...process.env, ...this.ports, CIVIL_STATE_DIR: this.dir, KAFKA_BROKERS: '', MONGO_URL: '' };
    await run('bash', [join(ROOT, 'deploy/local', `${this.kind}.sh`), command], { env, cwd: ROOT, maxBuffer: 16 << 20 });
  }

  async start(): Promise<this> {
    await this.script('start');
    return this;
  }

  /** Stops it cleanly and removes its data. */
  async destroy(): Promise<void> {
    this.thaw();
    await this.script('stop').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  pid(): number | undefined {
    try {
      return Number(readFileSync(join(this.dir, this.kind, `${this.kind}.pid`), 'utf8').trim());
    } catch {
      return undefined;
    }
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (!pid) throw new Error(`${this.kind} is not running`);
    process.kill(pid, 'SIGKILL');
    await waitFor(`${this.kind} (pid ${pid}) to die`, () => !alive(pid), 20_000);
  }

  /** SIGSTOP: the process keeps its sockets but answers nothing. */
  freeze(): void {
    const pid = this.pid();
    if (pid) process.kill(pid, 'SIGSTOP');
  }

  thaw(): void {
    const pid = this.pid();
    if (pid && alive(pid)) process.kill(pid, 'SIGCONT');
  }
}
