import type { AccountabilityOutcome, AccountabilitySubjectKind, AccountabilityTrigger } from '@civil/contracts';
import type { AccountabilityStatus } from './accountability-case';

/** zh-CN labels of accountability triggers (问责情形). */
export const ACCOUNTABILITY_TRIGGER_LABELS: Record<AccountabilityTrigger, string> = {
  'not-closed-management': '不落实封闭管理',
  'concealed-or-underreported': '瞒报漏报',
  'late-reporting': '迟报',
  'not-hospitalised-in-time': '未及时送医',
  'reserves-misused': '挪用物资',
  'eligible-not-helped': '应救未救',
  'late-distribution': '发放不及时',
  'missed-visits': '未按要求走访',
  'funeral-emergency-measures-missing': '殡葬应急措施不落实',
  'poor-funeral-service': '殡葬服务不到位',
  'broker-scalper': '黑中介/黄牛',
  'rectification-not-done': '整改不力',
};

/** zh-CN labels of outcomes (问责方式). */
export const ACCOUNTABILITY_OUTCOME_LABELS: Record<AccountabilityOutcome, string> = {
  talk: '约谈',
  'public-criticism': '通报批评',
  referral: '移送纪检监察',
  dismissed: '不予问责',
};

/** zh-CN labels of case statuses. */
export const ACCOUNTABILITY_STATUS_LABELS: Record<AccountabilityStatus, string> = {
  opened: '待决定',
  decided: '已问责',
  dismissed: '不予问责',
};

/** zh-CN labels of subject kinds (问责对象). */
export const ACCOUNTABILITY_SUBJECT_KIND_LABELS: Record<AccountabilitySubjectKind, string> = {
  unit: '单位',
  township: '乡镇（街道）',
  division: '民政部门（行政区划）',
  role: '岗位',
};
