/** The vocabulary of social relief (社会救助), with the zh-CN label each value shows as. */

/** Key-person list categories (重点人群). */
export const KEY_PERSON_CATEGORIES = [
  'dispersed-extreme-poverty', // 散居特困人员
  'empty-nest-elderly', // 空巢独居老人
  'de-facto-unsupported-child', // 事实无人抚养儿童
  'left-behind-child', // 留守儿童
  'orphan', // 孤儿
  'child-in-difficulty', // 困境儿童
  'severely-disabled', // 重度残疾人
  'isolated-patient-dependant', // 被隔离收治人员的家属
] as const;
export type KeyPersonCategory = (typeof KEY_PERSON_CATEGORIES)[number];

export const RISK_FLAGS = ['no-guardian', 'inadequate-guardianship', 'basic-living-difficulty', 'safety-issue'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** Household categories decided by rule. */
export const HOUSEHOLD_CATEGORIES = ['dibao', 'near-dibao', 'expenditure-poverty', 'none'] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];

/**
 * Registers a benefit round can name, and a person's relief status lists. 特困 is one register per
 * 供养方式, as the county decides it: 分散供养 at home (散居特困) or 集中供养 in a 敬老院 / 特困供养机构.
 */
export const RELIEF_REGISTERS = [
  'dibao',
  'near-dibao',
  'expenditure-poverty',
  'dispersed-extreme-poverty',
  'concentrated-extreme-poverty',
] as const;
export type ReliefRegister = (typeof RELIEF_REGISTERS)[number];

export const APPLICATION_KINDS = ['dibao', 'near-dibao', 'expenditure-poverty', 'extreme-poverty', 'temporary-relief'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** 申请 → 受理 → 审核 → 认定 → 发放, and the ends. */
export const APPLICATION_STATUSES = ['submitted', 'accepted', 'reviewed', 'approved', 'rejected', 'disbursed', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The step an application is waiting on, each with its own time limit. */
export const APPLICATION_STEPS = ['accept', 'review', 'decide', 'disburse'] as const;
export type ApplicationStep = (typeof APPLICATION_STEPS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ROUND_KINDS = ['consumption-voucher', 'protection-kit', 'bed-subsidy', 'cash'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const KEY_PERSON_CATEGORY_LABELS: Record<KeyPersonCategory, string> = {
  'dispersed-extreme-poverty': '散居特困人员',
  'empty-nest-elderly': '空巢独居老人',
  'de-facto-unsupported-child': '事实无人抚养儿童',
  'left-behind-child': '留守儿童',
  orphan: '孤儿',
  'child-in-difficulty': '困境儿童',
  'severely-disabled': '重度残疾人',
  'isolated-patient-dependant': '被隔离收治人员家属',
};

export const RISK_FLAG_LABELS: Record<RiskFlag, string> = {
  'no-guardian': '无人监护',
  'inadequate-guardianship': '监护不到位',
  'basic-living-difficulty': '基本生活困难',
  'safety-issue': '安全问题',
};

export const HOUSEHOLD_CATEGORY_LABELS: Record<HouseholdCategory, string> = {
  dibao: '最低生活保障（低保）',
  'near-dibao': '低保边缘家庭',
  'expenditure-poverty': '支出型贫困家庭',
  none: '不符合救助条件',
};

export const RELIEF_REGISTER_LABELS: Record<ReliefRegister, string> = {
  dibao: '低保',
  'near-dibao': '低保边缘',
  'expenditure-poverty': '支出型贫困',
  'dispersed-extreme-poverty': '散居特困',
  'concentrated-extreme-poverty': '集中供养特困',
};

export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  dibao: '低保',
  'near-dibao': '低保边缘',
  'expenditure-poverty': '支出型贫困救助',
  'extreme-poverty': '特困人员供养',
  'temporary-relief': '临时救助',
};

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已申请',
  accepted: '已受理',
  reviewed: '已审核',
  approved: '已认定',
  rejected: '不予认定',
  disbursed: '已发放',
  withdrawn: '已撤回',
};

export const APPLICATION_STEP_LABELS: Record<ApplicationStep, string> = {
  accept: '受理',
  review: '审核',
  decide: '认定',
  disburse: '发放',
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  'consumption-voucher': '消费券',
  'protection-kit': '爱心防护包',
  'bed-subsidy': '床位补贴',
  cash: '一次性生活补贴',
};
