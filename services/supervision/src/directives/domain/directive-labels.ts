import type { DirectiveStep } from '@civil/contracts';
import type { StepState } from './directive';

/** zh-CN labels of the steps a target owes. */
export const DIRECTIVE_STEP_LABELS: Record<DirectiveStep, string> = {
  'implementing-document': '落实文件',
  'status-report': '落实情况报告',
};

/** zh-CN labels of a step's state in the per-target view. */
export const DIRECTIVE_STEP_STATE_LABELS: Record<StepState, string> = {
  pending: '未到期',
  'on-time': '按时报送',
  late: '逾期报送',
  missing: '未报送',
};
