import type { SettingDefinitions } from '@civil/kernel';

/** Values this capability leaves to each region (per division code, with history). */
export const RECTIFICATION_SETTINGS = {
  /** Days a unit gets to rectify again after a revisit did not accept its rectification. */
  'rectification-reopen-due-days': { default: 7, min: 1, max: 90, label: '复查未通过后重新整改期限（天）' },
} satisfies SettingDefinitions;
