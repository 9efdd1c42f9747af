import type { SettingDefinitions } from '@civil/kernel';

/**
 * The values social relief leaves to each region (per division code, with history; the narrowest
 * division wins). Money is in fen (分). The source documents fix the 6-month phase-out; the 低保
 * standard, the 低保边缘 multiplier (1.5× or 2×), the minimum wage, supplements, step time limits
 * and visit cadences are the region's; so are the 支出型 rule (篇十四 or 篇十一), last year's
 * per-capita disposable income, the 单人户 band (篇八 1.5×, 篇十一 2×), the minimum 低保 top-up
 * and the employment-cost standard, whose amounts seed 003 leaves open.
 */
export const SETTINGS = {
  'dibao-standard-fen': { default: 105_000, min: 10_000, max: 1_000_000, label: '低保标准（分/人/月）' },
  'near-dibao-multiplier': { default: 1.5, min: 1, max: 3, decimals: 1, label: '低保边缘认定倍数' },
  'minimum-wage-fen': { default: 228_000, min: 50_000, max: 2_000_000, label: '最低工资标准（分/月，无法核实收入时计入）' },
  'expenditure-poverty-rule': {
    default: 0,
    min: 0,
    max: 1,
    label:
      '支出型困难家庭认定口径（0=篇十四：低于上年度人均可支配收入且扣减刚性支出后低于低保边缘标准；1=篇十一：低保标准2倍（含）至上年度人均可支配收入之间且扣减必需支出后低于低保标准）',
  },
  'per-capita-disposable-income-fen': {
    default: 3_921_800,
    min: 100_000,
    max: 50_000_000,
    label: '上年度当地居民人均可支配收入（分/人/年）',
  },
  'single-person-dibao-multiplier': {
    default: 1.5,
    min: 1,
    max: 3,
    decimals: 1,
    label: '重残重病人员参照“单人户”纳入低保的家庭人均收入上限（低保标准倍数：篇八1.5，篇十一2）',
  },
  'dibao-minimum-top-up-percent': { default: 10, min: 0, max: 100, label: '低保补差额度最低标准（低保标准的%，分/人/月）' },
  'employment-cost-standard-fen': {
    default: 0,
    min: 0,
    max: 1_000_000,
    label: '就业成本扣减标准（分/月，工资性收入者未申报就业成本时扣减）',
  },
  'supplement-age-70-percent': { default: 10, min: 0, max: 100, label: '70岁以上老人分类施保加发比例（%）' },
  'supplement-serious-illness-percent': { default: 20, min: 0, max: 100, label: '重病患者分类施保加发比例（%）' },
  'supplement-disability-percent': { default: 20, min: 0, max: 100, label: '重度残疾人分类施保加发比例（%）' },
  'supplement-minor-percent': { default: 10, min: 0, max: 100, label: '未成年人分类施保加发比例（%）' },
  'accept-limit-days': { default: 3, min: 1, max: 30, label: '受理时限（天）' },
  'review-limit-days': { default: 10, min: 1, max: 60, label: '审核时限（天）' },
  'decide-limit-days': { default: 5, min: 1, max: 30, label: '认定时限（天）' },
  'disburse-limit-days': { default: 10, min: 1, max: 60, label: '发放时限（天）' },
  'temporary-relief-limit-days': { default: 3, min: 1, max: 30, label: '临时救助每步时限（天）' },
  'temporary-relief-max-months': { default: 6, min: 1, max: 24, label: '临时救助常规金额上限（低保标准月数）' },
  'normal-monthly-max-percent': { default: 150, min: 100, max: 500, label: '常规救助金额上限（低保标准×人数的百分比）' },
  'approval-delegated-to-township': { default: 0, min: 0, max: 1, label: '审批权限下放乡镇（1=是）' },
  'visit-cadence-days-child': { default: 7, min: 1, max: 90, label: '儿童探访周期（天）' },
  'visit-cadence-days-elderly': { default: 7, min: 1, max: 90, label: '老年人探访周期（天）' },
  'visit-cadence-days-other': { default: 14, min: 1, max: 90, label: '其他重点人员探访周期（天）' },
  'bed-subsidy-includes-day-care': { default: 0, min: 0, max: 1, label: '床位补贴含日间照料中心（1=是）' },
  'visit-cadence-days-at-risk': { default: 2, min: 1, max: 30, label: '中高风险地区探访周期上限（天）' },
  // 定期核查: seed 004 names the re-check and its extension in risk areas, the seeds no cadence (see households/domain/recheck.ts)
  'recheck-cadence-months-a': { default: 12, min: 1, max: 24, label: 'A类低保家庭定期核查周期（月，收入稳定）' },
  'recheck-cadence-months-b': { default: 6, min: 1, max: 24, label: 'B类低保家庭定期核查周期（月，收入可能变动）' },
  'recheck-cadence-months-c': { default: 3, min: 1, max: 24, label: 'C类低保家庭定期核查周期（月，收入不稳定）' },
  'recheck-grace-days': { default: 15, min: 0, max: 90, label: '定期核查逾期宽限（天）' },
  'recheck-extension-days-at-risk': { default: 30, min: 0, max: 180, label: '中高风险地区定期核查时限延长（天）' },
  // hotline service levels (seeds 002/004 name the lines, not the times): crisis 30 min, urgent 2 h, normal 24 h
  'hotline-answer-minutes-psychological-aid-crisis': {
    default: 30,
    min: 5,
    max: 10_080,
    label: '心理援助热线心理危机来电回应时限（分钟）',
  },
  'hotline-answer-minutes-psychological-aid-urgent': { default: 120, min: 5, max: 10_080, label: '心理援助热线紧急来电回应时限（分钟）' },
  'hotline-answer-minutes-psychological-aid-normal': { default: 1_440, min: 5, max: 10_080, label: '心理援助热线一般来电回应时限（分钟）' },
  'hotline-answer-minutes-elderly-care-12349-crisis': {
    default: 30,
    min: 5,
    max: 10_080,
    label: '12349养老服务热线心理危机来电回应时限（分钟）',
  },
  'hotline-answer-minutes-elderly-care-12349-urgent': {
    default: 120,
    min: 5,
    max: 10_080,
    label: '12349养老服务热线紧急来电回应时限（分钟）',
  },
  'hotline-answer-minutes-elderly-care-12349-normal': {
    default: 1_440,
    min: 5,
    max: 10_080,
    label: '12349养老服务热线一般来电回应时限（分钟）',
  },
  'hotline-answer-minutes-social-relief-crisis': {
    default: 30,
    min: 5,
    max: 10_080,
    label: '社会救助服务热线心理危机来电回应时限（分钟）',
  },
  'hotline-answer-minutes-social-relief-urgent': { default: 120, min: 5, max: 10_080, label: '社会救助服务热线紧急来电回应时限（分钟）' },
  'hotline-answer-minutes-social-relief-normal': { default: 1_440, min: 5, max: 10_080, label: '社会救助服务热线一般来电回应时限（分钟）' },
  'donation-disclosure-minimum-count': {
    default: 3,
    min: 2,
    max: 50,
    label: '捐赠公示最少户数（受赠家庭少于此数时显示为“<N”，不公示其所得）',
  },
  // low-income monitoring (seed 003 篇八: 按照收到的预警信息等级划分，完成入户核查): the seed names no grades
  // or limits, so each region keeps its table: the grade of each kind of warning and the days per grade
  'low-income-warning-level-medical-expense': { default: 2, min: 1, max: 3, label: '低收入人口预警等级：大额医疗支出（1=一级…3=三级）' },
  'low-income-warning-level-disability': { default: 2, min: 1, max: 3, label: '低收入人口预警等级：新增残疾（1=一级…3=三级）' },
  'low-income-warning-level-unemployment': { default: 3, min: 1, max: 3, label: '低收入人口预警等级：失业（1=一级…3=三级）' },
  'low-income-warning-level-death-in-household': { default: 1, min: 1, max: 3, label: '低收入人口预警等级：家庭成员死亡（1=一级…3=三级）' },
  'low-income-warning-level-annual-review': { default: 3, min: 1, max: 3, label: '低收入人口预警等级：年度集中排查（1=一级…3=三级）' },
  'low-income-check-limit-days-level-1': { default: 3, min: 1, max: 30, label: '一级预警入户核查时限（天）' },
  'low-income-check-limit-days-level-2': { default: 7, min: 1, max: 60, label: '二级预警入户核查时限（天）' },
  'low-income-check-limit-days-level-3': { default: 15, min: 1, max: 90, label: '三级预警入户核查时限（天）' },
  'low-income-campaign-limit-days': { default: 60, min: 1, max: 365, label: '年度集中排查入户核查时限（天）' },
  // care placements of children left without care (seed 001 asks for 及时 care; the hours and days are the region's)
  'care-placement-limit-hours': { default: 24, min: 1, max: 168, label: '无人监护儿童临时照料安置时限（小时）' },
  'care-placement-follow-up-days': { default: 7, min: 1, max: 60, label: '临时照料结束后回访时限（天）' },
  'entrusted-care-visit-cadence-days': { default: 3, min: 1, max: 30, label: '委托照料期间探访周期（天）' },
} satisfies SettingDefinitions;

export type SettingKey = keyof typeof SETTINGS;
