import type { SettingDefinitions } from '@civil/kernel';

/** Values this capability leaves to each region (per division code, with history). */
export const INSPECTIONS_SETTINGS = {
  // rectification deadlines by the harm row of the scope × severity grid
  'inspection-rectify-days-a-c': { default: 30, min: 1, max: 180, label: '整改期限（天）：A–C 潜在危害轻微' },
  'inspection-rectify-days-d-f': { default: 10, min: 1, max: 90, label: '整改期限（天）：D–F 潜在危害超出轻微' },
  'inspection-rectify-days-g-i': { default: 3, min: 1, max: 30, label: '整改期限（天）：G–I 已造成实际危害' },
  'inspection-rectify-days-j-l': { default: 1, min: 0, max: 7, label: '整改期限（天）：J–L 立即危及生命安全' },
  // data-triggered inspections
  'inspection-trigger-symptom-cases': { default: 3, min: 1, max: 100, label: '触发督查：上次日报以来症状病例数（例）' },
  'inspection-trigger-missed-reports': { default: 3, min: 1, max: 31, label: '触发督查：统计期内漏报次数（次）' },
  'inspection-trigger-missed-window-days': { default: 7, min: 1, max: 31, label: '触发督查：漏报统计期（天）' },
  'inspection-trigger-within-days': { default: 3, min: 0, max: 30, label: '触发督查：须在几天内完成检查（天）' },
  'inspection-trigger-mode': { default: 0, min: 0, max: 1, label: '触发督查方式（0 明察，1 四不两直）' },
} satisfies SettingDefinitions;
