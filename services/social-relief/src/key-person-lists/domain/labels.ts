import type { CadenceGroup, EntryStatus, FlagAction, VisitMode, VisitState } from './key-person-entry';

/** zh-CN labels for the key-person list's own values (categories and flags: @civil/contracts). */
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  active: '在册',
  closed: '已移出清单',
};

export const VISIT_MODE_LABELS: Record<VisitMode, string> = {
  'home-visit': '上门探访',
  phone: '电话探访',
  video: '视频探访',
};

export const VISIT_STATE_LABELS: Record<VisitState, string> = {
  'on-schedule': '按期探访',
  overdue: '探访逾期',
};

export const FLAG_ACTION_LABELS: Record<FlagAction, string> = {
  raised: '标记风险',
  cleared: '解除风险',
};

export const CADENCE_GROUP_LABELS: Record<CadenceGroup, string> = {
  child: '儿童',
  elderly: '空巢独居老人',
  other: '其他重点人员',
};
