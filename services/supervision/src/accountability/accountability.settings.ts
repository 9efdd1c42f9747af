import type { SettingDefinitions } from '@civil/kernel';

/** Values this capability leaves to each region (per division code, with history). */
export const ACCOUNTABILITY_SETTINGS = {
  /**
   * Hours from a resident's symptoms being detected to their transfer to a designated hospital,
   * beyond which the unit answers for not sending them in time (不及时送老人就医, seed 000). The
   * seeds say 第一时间 and leave the number open: 2 hours, the symptom case's first rung.
   */
  'symptom-transfer-limit-hours': { default: 2, min: 1, max: 72, label: '症状人员转送定点医院时限（小时），超时问责“不及时送医”' },
} satisfies SettingDefinitions;
