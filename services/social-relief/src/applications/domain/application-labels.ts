import type { ApplicationWithdrawalReason } from '@civil/contracts';
/** zh-CN labels for what applications add to the shared vocabulary (statuses, steps and kinds are in @civil/contracts). */
export const APPLICATION_FLAGS = ['priorRelief', 'caseByCase', 'simplifiedReview', 'expedited', 'priorReliefRejected', 'overdue'] as const;
export type ApplicationFlag = (typeof APPLICATION_FLAGS)[number];

export const APPLICATION_FLAG_LABELS: Record<ApplicationFlag, string> = {
  priorRelief: '先行救助',
  caseByCase: '一事一议',
  simplifiedReview: '简化审核（中高风险地区）',
  expedited: '快速办理',
  priorReliefRejected: '先行救助经审核不予认定（待追回或核销）',
  overdue: '超过办理时限（应救未救风险）',
};

/** Why a review found an application ineligible, or a decision rejected it. */
export const INELIGIBLE_REASONS = [
  'income-above-standard',
  'assets-above-limit',
  'false-information',
  'not-resident',
  'supported-otherwise',
  'other',
] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export const INELIGIBLE_REASON_LABELS: Record<IneligibleReason, string> = {
  'income-above-standard': '家庭收入高于认定标准',
  'assets-above-limit': '家庭财产超过规定',
  'false-information': '隐瞒或虚报家庭收入、财产',
  'not-resident': '不符合户籍或居住条件',
  'supported-otherwise': '已获得其他救助或赡养、抚养',
  other: '其他原因',
};

/** Why an application is handled at the shortest limits. */
export const EXPEDITED_REASONS = ['confirmed-patient', 'patient-household', 'other-emergency'] as const;
export type ExpeditedReason = (typeof EXPEDITED_REASONS)[number];

export const EXPEDITED_REASON_LABELS: Record<ExpeditedReason, string> = {
  'confirmed-patient': '确诊患者本人',
  'patient-household': '确诊患者家庭',
  'other-emergency': '其他紧急困难',
};

/** Why an applicant withdrew. */
export { WITHDRAWAL_REASONS } from '@civil/contracts';
export type WithdrawalReason = ApplicationWithdrawalReason;

export const WITHDRAWAL_REASON_LABELS: Record<WithdrawalReason, string> = {
  'applicant-request': '申请人主动撤回',
  'moved-away': '迁出本地',
  deceased: '申请人死亡',
  other: '其他原因',
};

/** Checks a normal review records; a simplified review may waive them. */
export const REVIEW_CHECKS = ['home-visit', 'income-verification'] as const;
export type ReviewCheck = (typeof REVIEW_CHECKS)[number];

export const REVIEW_CHECK_LABELS: Record<ReviewCheck, string> = {
  'home-visit': '入户调查',
  'income-verification': '家庭经济状况核对',
};

export const REVIEW_OUTCOME_LABELS = { eligible: '符合条件', ineligible: '不符合条件' } as const;
export const DECISION_LABELS = { approved: '予以认定', rejected: '不予认定' } as const;
export const DECISION_LEVEL_LABELS = { county: '县级民政部门', township: '乡镇（街道）（县级委托）' } as const;

/** Follow-up of relief paid first (先行救助) that the review later rejected, or that was withdrawn. */
export const FOLLOW_UP_REASONS = ['prior-relief-rejected', 'prior-relief-withdrawn'] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];
export const FOLLOW_UP_REASON_LABELS: Record<FollowUpReason, string> = {
  'prior-relief-rejected': '先行救助经审核不予认定',
  'prior-relief-withdrawn': '先行救助后申请撤回',
};

export const FOLLOW_UP_RESOLUTIONS = ['recovered', 'written-off'] as const;
export type FollowUpResolution = (typeof FOLLOW_UP_RESOLUTIONS)[number];
export const FOLLOW_UP_RESOLUTION_LABELS: Record<FollowUpResolution, string> = {
  recovered: '已追回',
  'written-off': '已核销',
};

/** 特困供养方式: 集中供养 in a 敬老院 / 特困供养机构, or 分散供养 at home. */
export const SUPPORT_MODES = ['concentrated', 'dispersed'] as const;
export type SupportMode = (typeof SUPPORT_MODES)[number];

export const SUPPORT_MODE_LABELS: Record<SupportMode, string> = {
  concentrated: '集中供养',
  dispersed: '分散供养',
};
