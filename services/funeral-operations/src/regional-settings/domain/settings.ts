import type { SettingDefinitions } from '@civil/kernel';

/**
 * The values funeral operations leaves to each region (per division code, with history; the
 * narrowest division wins). The 2-hour disinfection rounds are fixed by the source documents.
 */
export const SETTINGS = {
  'infectious-cremation-hours': { default: 24, min: 1, max: 168, label: '传染病遗体火化时限（小时）' },
  'cold-storage-strained-percent': { default: 90, min: 10, max: 100, label: '冷藏柜占用告警阈值（%）' },
  'cremation-backlog-strained-percent': { default: 100, min: 10, max: 500, label: '火化排队告警阈值（排队时长/可用时长，%）' },
  'capacity-recovered-percent': { default: 75, min: 5, max: 100, label: '产能恢复阈值（%）' },
  'maintenance-check-by-hour': { default: 10, min: 1, max: 24, label: '每日设备检查截止时间（时）' },
  'cremation-minutes': { default: 90, min: 30, max: 300, label: '单次火化时长（分钟，含冷却）' },
  'backlog-horizon-hours': { default: 24, min: 1, max: 168, label: '排队测算时段（小时）' },
} satisfies SettingDefinitions;

export type SettingKey = keyof typeof SETTINGS;
