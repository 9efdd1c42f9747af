import type { LowIncomeCheckFinding, LowIncomeWarningKind, LowIncomeWarningLevel } from '@civil/contracts';
import type { CampaignStatus } from './campaign';
import type { WarningStatus, WarningSubjectType } from './low-income-warning';

/** zh-CN labels of low-income monitoring's values. */
export const LOW_INCOME_WARNING_KIND_LABELS: Record<LowIncomeWarningKind, string> = {
  'medical-expense': '大额医疗支出',
  disability: '新增残疾',
  unemployment: '失业',
  'death-in-household': '家庭成员死亡',
  'annual-review': '年度集中排查',
};

export const LOW_INCOME_WARNING_LEVEL_LABELS: Record<LowIncomeWarningLevel, string> = {
  1: '一级预警',
  2: '二级预警',
  3: '三级预警',
};

export const LOW_INCOME_WARNING_STATUS_LABELS: Record<WarningStatus, string> = {
  pending: '待入户核查',
  checked: '已核查',
};

export const LOW_INCOME_CHECK_FINDING_LABELS: Record<LowIncomeCheckFinding, string> = {
  'no-change': '情况无变化',
  'needs-assistance': '需要救助（已发起申请）',
  'not-eligible': '不符合救助条件（登记备案）',
};

export const LOW_INCOME_SUBJECT_TYPE_LABELS: Record<WarningSubjectType, string> = {
  household: '家庭',
  person: '个人（单人户）',
};

export const LOW_INCOME_CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  open: '未开始',
  running: '排查中',
  completed: '任务已全部生成',
};
