import type { SettingDefinitions } from '@civil/kernel';

/** Values the case capability leaves to each region (per division code, with history). */
export const CASES_SETTINGS = {
  'equipment-repair-limit-hours': { default: 24, min: 1, max: 720, label: '殡葬设备故障修复时限（小时），逾期立案督办' },
} satisfies SettingDefinitions;
