import type { SettingDefinitions } from '@civil/kernel';

/** Values this capability leaves to each region (per division code, with history). */
export const SELF_INSPECTIONS_SETTINGS = {
  'self-inspection-due-days': { default: 7, min: 1, max: 60, label: '举一反三自查自纠报告时限（天）' },
  /** Which peers a confirmed finding sends self-inspections to: the same kind of target within the county, township or city. */
  'self-inspection-peer-level': { default: 0, min: 0, max: 2, label: '举一反三自查范围（0 本县，1 本乡镇，2 本市）' },
  /** Grid letter (A=1 … L=12) from which a confirmed finding sends self-inspections by itself; 0: only when an officer sends them. */
  'self-inspection-auto-severity': { default: 7, min: 0, max: 12, label: '自动发起举一反三的最低问题等级（A=1…L=12，0 不自动）' },
} satisfies SettingDefinitions;
