import type { DeathCause, Symptom } from './resident.events';
import type { SupplyItem } from './supply.events';
import type { Operator, UnitType } from './unit-types';
import type { VaccinationGroup } from './vaccination.events';

/** zh-CN labels for the values of institution-monitoring's public enums, for any screen that shows them. */
export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  'elderly-care-home': '养老机构',
  'extreme-poverty-support-home': '敬老院（特困人员供养机构）',
  'child-welfare-home': '儿童福利机构',
  'minors-protection-centre': '未成年人救助保护机构',
  'relief-station': '救助管理站',
  'mental-health-welfare': '精神卫生福利机构',
  'day-care-centre': '日间照料中心',
  'service-window': '服务窗口（婚姻登记、社会组织登记）',
};

export const OPERATOR_LABELS: Record<Operator, string> = {
  public: '公办',
  'social-capital': '民办（社会力量举办或运营）',
};

export const SUPPLY_ITEM_LABELS: Record<SupplyItem, string> = {
  masks: '口罩',
  'protective-suits': '防护服',
  goggles: '护目镜',
  disinfectant: '消毒用品',
  drugs: '药品',
  'test-reagents': '检测试剂',
  'first-aid-equipment': '急救设备',
};

export const SYMPTOM_LABELS: Record<Symptom, string> = {
  fever: '发热',
  cough: '咳嗽',
  'sore-throat': '咽痛',
  fatigue: '乏力',
  'shortness-of-breath': '呼吸困难',
  'loss-of-taste-or-smell': '嗅觉味觉减退',
  diarrhoea: '腹泻',
  other: '其他异常症状',
};

export const DEATH_CAUSE_LABELS: Record<DeathCause, string> = {
  natural: '自然死亡',
  illness: '病故',
  'infectious-disease': '传染病',
  accident: '意外',
  other: '其他',
};

export const VACCINATION_GROUP_LABELS: Record<VaccinationGroup, string> = {
  residents: '服务对象',
  staff: '工作人员',
};
