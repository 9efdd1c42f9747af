import { divisionAncestors } from './division-code';
import { DomainError } from './domain-error';

/**
 * Values the source documents leave to each region, set per division code with their history: a
 * change takes effect from a day, earlier days keep the value they had, and the narrowest division
 * with a value wins. Each service names its own settings (a `SettingDefinitions` record).
 */
export interface SettingDefinition {
  default: number;
  min: number;
  max: number;
  /** What it governs, with the zh-CN label a person reads. */
  label: string;
  /** Values are whole numbers unless this is set (then this many decimals are allowed). */
  decimals?: number;
}

export type SettingDefinitions = Record<string, SettingDefinition>;

export interface SettingVersion {
  value: number;
  /** First day (YYYY-MM-DD, Beijing) the value applies. */
  effectiveFrom: string;
  setBy: string;
  setAt: Date;
}

export interface RegionalSetting {
  key: string;
  divisionCode: string;
  history: SettingVersion[];
}

export function settingId(key: string, divisionCode: string): string {
  return `${key}|${divisionCode}`;
}

export function checkSettingValue(definitions: SettingDefinitions, key: string, value: number): void {
  const def = definitions[key];
  if (!def) throw DomainError.invalid('UnknownSetting', `key must be one of: ${Object.keys(definitions).join(', ')}`, { field: 'key' });
  const scale = 10 ** (def.decimals ?? 0);
  const kind = def.decimals ? `a number with at most ${def.decimals} decimals` : 'a whole number';
  if (!Number.isFinite(value) || Math.abs(Math.round(value * scale) - value * scale) > 1e-9 || value < def.min || value > def.max) {
    throw DomainError.invalid('SettingOutOfRange', `${key} must be ${kind} from ${def.min} to ${def.max} (${def.label})`, {
      field: 'value',
    });
  }
}

function valueOnDay(setting: RegionalSetting, day: string): number | undefined {
  let best: SettingVersion | undefined;
  for (const v of setting.history) {
    if (
      v.effectiveFrom <= day &&
      (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.setAt > best.setAt))
    )
      best = v;
  }
  return best?.value;
}

/** Answers "what is this setting for this division on this day"; build once, ask many times. */
export class RegionalSettings<K extends string = string> {
  private readonly byId = new Map<string, RegionalSetting>();

  constructor(
    private readonly definitions: SettingDefinitions,
    settings: readonly RegionalSetting[],
  ) {
    settings.forEach((s) => this.byId.set(settingId(s.key, s.divisionCode), s));
  }

  valueFor(key: K, divisionCode: string, day: string): number {
    return this.resolve(key, divisionCode, day).value;
  }

  /** The value and where it comes from ('default' or the division that set it). */
  resolve(key: K, divisionCode: string, day: string): { value: number; from: string } {
    for (const code of divisionAncestors(divisionCode).reverse()) {
      const s = this.byId.get(settingId(key, code));
      const v = s && valueOnDay(s, day);
      if (v !== undefined) return { value: v, from: code };
    }
    return { value: this.definitions[key].default, from: 'default' };
  }
}
