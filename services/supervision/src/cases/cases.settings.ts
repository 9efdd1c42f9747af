import type { SettingDefinitions } from '@civil/kernel';

/** Values the case capability leaves to each region (per division code, with history). */
export const CASES_SETTINGS = {} satisfies SettingDefinitions;
