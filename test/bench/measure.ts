import { readFileSync } from 'node:fs';

/** Small measuring helpers for the benchmark (not used by tests). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

/** Peak resident set size of a process in MB (VmHWM), Linux only. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `work` over items with at most `concurrency` in flight. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** CPU seconds (user + system) a process has used so far, Linux only. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/**
 * What each process used of the machine's cores while a phase ran (100 % = one core busy the
 * whole time): shows which process bounds a figure.
 */
export class CpuMeter {
  private start = new Map<string, number>();
  private startedAt = 0;

  constructor(private readonly processes: Record<string, number | undefined>) {}

  begin(): this {
    this.startedAt = Date.now();
    this.start = new Map(
      Object.entries(this.processes).flatMap(([name, pid]) => {
        const s = pid ? cpuSeconds(pid) : undefined;
        return s === undefined ? [] : [[name, s] as const];
      }),
    );
    return this;
  }

  /** Percent of one core per process since `begin`. */
  end(): Record<string, number> {
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const out: Record<string, number> = {};
    for (const [name, before] of this.start) {
      const after = cpuSeconds(this.processes[name]!);
      if (after !== undefined && elapsed > 0) out[name] = Math.round((100 * (after - before)) / elapsed);
    }
    return out;
  }
}

export function describeCpu(cpu: Record<string, number>): string {
  return `CPU (% of one core; the machine has ${cores()}): ${Object.entries(cpu)
    .map(([n, p]) => `${n} ${p}%`)
    .join(', ')}`;
}

function cores(): number {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('processor')).length;
  } catch {
    return NaN;
  }
}

/** The pid in a file, if the file is there. */
export function pidFrom(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
