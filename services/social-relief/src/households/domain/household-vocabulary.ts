/** The vocabulary of households (家庭): statuses, members, incomes and rigid expenses, with zh-CN labels. */

/** Where a household stands with its relief register. */
export const HOUSEHOLD_STATUSES = ['not-enrolled', 'enrolled', 'phase-out', 'exited'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  'not-enrolled': '未纳入救助',
  enrolled: '在册保障',
  'phase-out': '渐退期',
  exited: '已退出',
};

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'child-in-law', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '（外）祖父母',
  grandchild: '（外）孙子女',
  sibling: '兄弟姐妹',
  'child-in-law': '儿媳/女婿',
  other: '其他共同生活成员',
};

export const MEMBER_FLAGS = ['seriously-ill', 'severely-disabled', 'disabled-elderly-without-care'] as const;
export type MemberFlag = (typeof MEMBER_FLAGS)[number];

export const MEMBER_FLAG_LABELS: Record<MemberFlag, string> = {
  'seriously-ill': '重病患者',
  'severely-disabled': '重度残疾人',
  'disabled-elderly-without-care': '失能（半失能）无人照料老人',
};

/**
 * Income kinds. The last six are not counted (不计入家庭收入): 抚恤金, 优待金, 基础养老金, the two
 * disability subsidies (两残补贴: 困难残疾人生活补贴 and 重度残疾人护理补贴), and the guaranteed
 * income of poverty-alleviation projects (扶贫项目保底收益, seed 003 篇十一 “收入豁免”).
 */
export const INCOME_KINDS = [
  'wages',
  'business',
  'agriculture',
  'property',
  'transfer',
  'other',
  'martyr-family-pension',
  'preferential-allowance',
  'basic-old-age-pension',
  'disability-living-subsidy',
  'disability-care-subsidy',
  'poverty-project-guaranteed-income',
] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export const EXCLUDED_INCOME_KINDS: readonly IncomeKind[] = [
  'martyr-family-pension',
  'preferential-allowance',
  'basic-old-age-pension',
  'disability-living-subsidy',
  'disability-care-subsidy',
  'poverty-project-guaranteed-income',
];

/** The income kind whose earner may have employment costs (就业成本) deducted: wages (工资性收入). */
export const EMPLOYMENT_INCOME_KINDS: readonly IncomeKind[] = ['wages'];

export const INCOME_KIND_LABELS: Record<IncomeKind, string> = {
  wages: '工资性收入',
  business: '经营净收入',
  agriculture: '农业生产收入',
  property: '财产净收入',
  transfer: '转移净收入（赡养费等）',
  other: '其他收入',
  'martyr-family-pension': '抚恤金（不计入）',
  'preferential-allowance': '优待金（不计入）',
  'basic-old-age-pension': '基础养老金（不计入）',
  'disability-living-subsidy': '困难残疾人生活补贴（两残补贴，不计入）',
  'disability-care-subsidy': '重度残疾人护理补贴（两残补贴，不计入）',
  'poverty-project-guaranteed-income': '扶贫项目保底收益（不计入）',
};

/** Rigid expenses (刚性支出) that can make a household 支出型贫困. */
export const EXPENSE_KINDS = ['serious-illness', 'severe-disability', 'disabled-elderly-without-care', 'disaster', 'tuition'] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];

export const EXPENSE_KIND_LABELS: Record<ExpenseKind, string> = {
  'serious-illness': '重病医疗支出',
  'severe-disability': '重度残疾康复护理支出',
  'disabled-elderly-without-care': '失能老人无人照料护理支出',
  disaster: '突发灾害支出',
  tuition: '就学支出',
};

/**
 * The two rules for 支出型困难家庭 a region chooses between (seed 003):
 * - 'near-dibao-line' (篇十四, the default): per-member income below last year's local per-capita
 *   disposable income, and after rigid expenses below the 低保边缘 line;
 * - 'dibao-line' (篇十一): per-member income from 2× the 低保 standard (inclusive) up to last year's
 *   per-capita disposable income, and after rigid expenses below the 低保 standard.
 */
export const EXPENDITURE_POVERTY_RULES = ['near-dibao-line', 'dibao-line'] as const;
export type ExpenditurePovertyRule = (typeof EXPENDITURE_POVERTY_RULES)[number];

export const EXPENDITURE_POVERTY_RULE_LABELS: Record<ExpenditurePovertyRule, string> = {
  'near-dibao-line': '篇十四：人均收入低于上年度当地居民人均可支配收入，扣减刚性支出后低于低保边缘标准',
  'dibao-line': '篇十一：人均收入在低保标准2倍（含）至上年度当地居民人均可支配收入之间，扣减必需支出后低于低保标准',
};

/** Why a member of a 低保边缘 household may enter 低保 as a single-person household (参照“单人户”纳入低保). */
export const SINGLE_PERSON_DIBAO_REASONS = ['severely-disabled', 'seriously-ill'] as const;
export type SinglePersonDibaoReason = (typeof SINGLE_PERSON_DIBAO_REASONS)[number];

export const SINGLE_PERSON_DIBAO_REASON_LABELS: Record<SinglePersonDibaoReason, string> = {
  'severely-disabled': '重度残疾人参照“单人户”纳入低保',
  'seriously-ill': '重病患者参照“单人户”纳入低保',
};

/** Supplements (分类施保) for 低保 members. */
export const SUPPLEMENT_KINDS = ['serious-illness', 'severe-disability', 'age-70', 'minor'] as const;
export type SupplementKind = (typeof SUPPLEMENT_KINDS)[number];

export const SUPPLEMENT_KIND_LABELS: Record<SupplementKind, string> = {
  'serious-illness': '重病患者加发',
  'severe-disability': '重度残疾人加发',
  'age-70': '70岁以上老人加发',
  minor: '未成年人加发',
};

export const HOUSEHOLD_EXIT_REASON_LABELS: Record<'phase-out-ended' | 'no-longer-eligible' | 'moved-away' | 'deceased', string> = {
  'phase-out-ended': '渐退期满退出',
  'no-longer-eligible': '不再符合条件',
  'moved-away': '迁出',
  deceased: '死亡',
};

/** What happened to a household's phase-out, as the household's history shows it. */
export const PHASE_OUT_EVENT_LABELS = {
  started: '进入渐退期',
  cancelled: '收入回落，渐退取消',
  exited: '渐退期满退出',
  'exit-pending': '定期核查不再符合条件，待退出',
} as const;
