import type { SettingDefinitions } from '@civil/kernel';
import { ACCOUNTABILITY_SETTINGS } from '../../accountability/accountability.settings';
import { CASES_SETTINGS } from '../../cases/cases.settings';
import { DIRECTIVES_SETTINGS } from '../../directives/directives.settings';
import { INSPECTIONS_SETTINGS } from '../../inspections/inspections.settings';
import { RECTIFICATION_SETTINGS } from '../../rectification/rectification.settings';
import { SELF_INSPECTIONS_SETTINGS } from '../../self-inspections/self-inspections.settings';

/** The values supervision leaves to each region (per division code, with history; the narrowest division wins). */
export const SETTINGS = {
  ...CASES_SETTINGS,
  ...INSPECTIONS_SETTINGS,
  ...RECTIFICATION_SETTINGS,
  ...ACCOUNTABILITY_SETTINGS,
  ...DIRECTIVES_SETTINGS,
  ...SELF_INSPECTIONS_SETTINGS,
} satisfies SettingDefinitions;

export type SettingKey = keyof typeof SETTINGS;
