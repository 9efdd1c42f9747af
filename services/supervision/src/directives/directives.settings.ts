import type { SettingDefinitions } from '@civil/kernel';

/** Values this capability leaves to each region (per division code, with history). */
export const DIRECTIVES_SETTINGS = {
  /** Days after receipt the implementing document is due (0: the day it arrives). */
  'directive-implementing-document-due-days': { default: 0, min: 0, max: 3, label: '上级部署落实文件报送时限（收文后天数，0为当日）' },
  /** Days after receipt the status report is due (1: the next day). */
  'directive-status-report-due-days': { default: 1, min: 1, max: 7, label: '上级部署落实情况报送时限（收文后天数）' },
} satisfies SettingDefinitions;
