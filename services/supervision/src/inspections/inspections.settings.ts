import type { SettingDefinitions } from '@civil/kernel';

/** Values this capability leaves to each region (per division code, with history). */
export const INSPECTIONS_SETTINGS = {} satisfies SettingDefinitions;
