/** The vocabulary of funeral operations (殡葬服务), with the zh-CN label each value shows as. */

export const FUNERAL_CASE_STATUSES = [
  'requested',
  'dispatched',
  'picked-up',
  'stored',
  'scheduled',
  'cremated',
  'released',
  'cancelled',
] as const;
export type FuneralCaseStatus = (typeof FUNERAL_CASE_STATUSES)[number];

export const EQUIPMENT_KINDS = ['vehicle', 'cremator'] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export const CEREMONY_KINDS = ['vigil', 'farewell', 'rites'] as const;
export type CeremonyKind = (typeof CEREMONY_KINDS)[number];

/** Which measure of a home is strained. */
export const CAPACITY_MEASURES = ['cold-storage', 'cremation-backlog'] as const;
export type CapacityMeasure = (typeof CAPACITY_MEASURES)[number];

export const FUNERAL_CASE_STATUS_LABELS: Record<FuneralCaseStatus, string> = {
  requested: '已接报',
  dispatched: '已派车',
  'picked-up': '已接运',
  stored: '已入冷藏',
  scheduled: '已排期火化',
  cremated: '已火化',
  released: '骨灰已领取',
  cancelled: '已取消',
};

export const EQUIPMENT_KIND_LABELS: Record<EquipmentKind, string> = { vehicle: '遗体接运车', cremator: '火化炉' };

export const CEREMONY_KIND_LABELS: Record<CeremonyKind, string> = { vigil: '守灵', farewell: '遗体告别', rites: '祭祀' };

export const CAPACITY_MEASURE_LABELS: Record<CapacityMeasure, string> = { 'cold-storage': '冷藏柜占用', 'cremation-backlog': '火化排队' };
