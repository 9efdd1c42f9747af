import { divisionAncestors, DomainError } from '@civil/kernel';

/**
 * Values the source documents leave to each region (按规定时限, "caps on count and frequency" …),
 * set per division code with their history: a change takes effect from a day, earlier days keep
 * the value they had, and the narrowest division with a value wins.
 */
export interface SettingDefinition {
  default: number;
  min: number;
  max: number;
  /** What it governs, with the zh-CN label a person reads. */
  label: string;
}

export const SETTINGS = {
  /** DHIS2's expiry days: after the reported day, how many days a report may still be corrected. */
  'report-expiry-days': { default: 7, min: 0, max: 365, label: '日报告更正时限（天）' },
  /** Visiting slots per day start at this hour (Beijing time). */
  'visit-day-start-hour': { default: 9, min: 0, max: 23, label: '探视开始时间（时）' },
  /** Visiting ends at this hour. */
  'visit-day-end-hour': { default: 17, min: 1, max: 24, label: '探视结束时间（时）' },
  /** Length of one staggered visiting slot (预约错峰). */
  'visit-slot-minutes': { default: 30, min: 10, max: 240, label: '探视时段长度（分钟）' },
  /** Visitors admitted per slot. */
  'visit-slot-capacity': { default: 4, min: 1, max: 100, label: '每时段探视人数上限' },
  /** Visits a unit receives per day. */
  'visits-per-unit-per-day': { default: 40, min: 1, max: 10_000, label: '机构每日探视上限' },
  /** Visits one resident may receive in 7 days. */
  'visits-per-resident-per-week': { default: 2, min: 1, max: 50, label: '每名服务对象每周探视上限' },
  /** A reading at or above this (tenths of °C) is abnormal; 373 is 37.3 °C. */
  'fever-threshold-tenths-c': { default: 373, min: 365, max: 390, label: '体温异常阈值（0.1℃）' },
  /** Days a unit may stay without a supplies update before it counts as not reporting stock. */
  'supply-update-max-age-days': { default: 7, min: 1, max: 60, label: '物资库存更新最长间隔（天）' },
} satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export interface SettingVersion {
  value: number;
  /** First day (YYYY-MM-DD, Beijing) the value applies. */
  effectiveFrom: string;
  setBy: string;
  setAt: Date;
}

export interface RegionalSetting {
  key: SettingKey;
  divisionCode: string;
  history: SettingVersion[];
}

export function settingId(key: SettingKey, divisionCode: string): string {
  return `${key}|${divisionCode}`;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

export function checkSettingValue(key: SettingKey, value: number): void {
  const def: SettingDefinition = SETTINGS[key];
  if (!Number.isInteger(value) || value < def.min || value > def.max) {
    throw DomainError.invalid('SettingOutOfRange', `${key} must be a whole number from ${def.min} to ${def.max} (${def.label})`, { field: 'value' });
  }
}

function valueOnDay(setting: RegionalSetting, day: string): number | undefined {
  let best: SettingVersion | undefined;
  for (const v of setting.history) {
    if (v.effectiveFrom <= day && (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.setAt > best.setAt))) best = v;
  }
  return best?.value;
}

/** Answers "what is this setting for this division on this day"; build once, ask many times. */
export class RegionalSettings {
  private readonly byId = new Map<string, RegionalSetting>();

  constructor(settings: readonly RegionalSetting[]) {
    settings.forEach((s) => this.byId.set(settingId(s.key, s.divisionCode), s));
  }

  valueFor(key: SettingKey, divisionCode: string, day: string): number {
    return this.resolve(key, divisionCode, day).value;
  }

  /** The value and where it comes from ('default' or the division that set it). */
  resolve(key: SettingKey, divisionCode: string, day: string): { value: number; from: string } {
    for (const code of divisionAncestors(divisionCode).reverse()) {
      const s = this.byId.get(settingId(key, code));
      const v = s && valueOnDay(s, day);
      if (v !== undefined) return { value: v, from: code };
    }
    return { value: SETTINGS[key].default, from: 'default' };
  }
}
