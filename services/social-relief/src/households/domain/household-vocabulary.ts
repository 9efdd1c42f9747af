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
 * Income kinds. The last five are not counted (不计入家庭收入): 抚恤金, 优待金, 基础养老金 and
 * the two disability subsidies (两残补贴: 困难残疾人生活补贴 and 重度残疾人护理补贴).
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
] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export const EXCLUDED_INCOME_KINDS: readonly IncomeKind[] = [
  'martyr-family-pension',
  'preferential-allowance',
  'basic-old-age-pension',
  'disability-living-subsidy',
  'disability-care-subsidy',
];

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
} as const;
