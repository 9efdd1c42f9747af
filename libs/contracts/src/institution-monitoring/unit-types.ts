/** Kinds of supervised unit. Day-care centres are managed as elderly homes. */
export const UNIT_TYPES = [
  'elderly-care-home', // 养老机构
  'extreme-poverty-support-home', // 敬老院 / 特困人员供养机构
  'child-welfare-home', // 儿童福利机构
  'minors-protection-centre', // 未成年人救助保护机构
  'relief-station', // 救助管理站
  'mental-health-welfare', // 精神卫生福利机构
  'day-care-centre', // 日间照料中心
  'service-window', // 婚姻登记 / 社会组织登记 服务窗口
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Who runs the unit: public (公办) or social capital (民办 / 公建民营). */
export const OPERATORS = ['public', 'social-capital'] as const;
export type Operator = (typeof OPERATORS)[number];
