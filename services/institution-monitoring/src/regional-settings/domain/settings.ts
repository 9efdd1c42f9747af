import type { SettingDefinitions } from '@civil/kernel';

/**
 * The values institution monitoring leaves to each region (the source documents say "按规定时限",
 * "caps on count and frequency" …). The mechanism — history, narrowest division wins, effective
 * from a day — is the platform's (`RegionalSettingsModule`); these are this service's settings.
 */
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
  /**
   * Whether the health authority lets a resident on the symptom path recover in the unit instead of
   * a transfer to a designated hospital (1 = yes). The seeds transfer; off by default.
   */
  'symptom-recovery-in-place-allowed': { default: 0, min: 0, max: 1, label: '卫生健康部门同意症状人员在院康复（1=是）' },
  /**
   * The day by which staff rolls must be cleared (清零: every eligible member vaccinated), as
   * YYYYMMDD (20260331 = 31 March 2026); 0 = no due date set (the seeds leave it to each region's
   * plan, "确保按时完成既定目标"). A roll still short the day after is signalled once per due date.
   */
  'staff-vaccination-clearance-due-date': {
    default: 0,
    min: 0,
    max: 99_991_231,
    label: '工作人员应种人员接种清零完成日期（YYYYMMDD，0=未设定）',
  },
  /**
   * How far a daily report's resident count (and vaccinated residents and staff) may be from the
   * unit's own records before the report is flagged as inconsistent (admissions and departures move
   * it during the day). The seeds leave it open; 2 by default.
   */
  'report-resident-tolerance': { default: 2, min: 0, max: 1_000, label: '日报告在院人数与台账允许偏差（人）' },
  /**
   * A stock count may find this many days of the recorded daily use less than the records leave
   * (last figures + receipts − daily use × days) before the shortfall is published as stock gone
   * without recorded use (挪用 suspicion). The seeds leave it open; 3 days by default.
   */
  'supply-unaccounted-tolerance-days': { default: 3, min: 0, max: 60, label: '物资盘点短少允许偏差（按日用量计，天）' },
  /** A marriage-registration window (婚姻登记) starts serving appointments at this hour (Beijing time). */
  'marriage-window-open-hour': { default: 9, min: 0, max: 23, label: '婚姻登记窗口开始办理时间（时）' },
  /** … and stops at this hour. */
  'marriage-window-close-hour': { default: 17, min: 1, max: 24, label: '婚姻登记窗口结束办理时间（时）' },
  /** Length of one staggered appointment slot (错时办理). */
  'marriage-slot-minutes': { default: 30, min: 10, max: 240, label: '婚姻登记预约时段长度（分钟）' },
  /** Couples served per slot. */
  'marriage-slot-capacity': { default: 3, min: 1, max: 100, label: '婚姻登记每时段预约上限（对）' },
  /**
   * A day a service window does not serve is announced at least this many days ahead (seed 002:
   * the notice of 27 January cancelled 2 February). 3 by default.
   */
  'service-suspension-notice-days': { default: 3, min: 0, max: 60, label: '暂停办理须提前公告天数' },
} satisfies SettingDefinitions;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
