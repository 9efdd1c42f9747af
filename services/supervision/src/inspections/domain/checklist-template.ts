import { INSPECTION_TARGET_TYPES, InspectionTargetType, UNIT_TYPES, UnitType } from '@civil/contracts';
import { divisionAncestors, DomainError } from '@civil/kernel';

/** One line of a checklist (检查清单): a stable code results and findings refer to, and what to check. */
export interface ChecklistItem {
  code: string;
  text: string;
}

export interface ChecklistVersion {
  /** 0 is the built-in default (every-region template only); each change adds the next number. */
  version: number;
  items: ChecklistItem[];
  setBy: string;
  setAt: Date;
}

/**
 * What a checklist is kept for: each kind of target, and the combined fire-safety and epidemic
 * checklist (消防安全与疫情防控结合) a round may use at any unit.
 */
export const COMBINED_CHECKLISTS = ['fire-safety-epidemic'] as const;
export type CombinedChecklist = (typeof COMBINED_CHECKLISTS)[number];
export const CHECKLIST_KEYS = [...INSPECTION_TARGET_TYPES, ...COMBINED_CHECKLISTS] as const;
export type ChecklistKey = InspectionTargetType | CombinedChecklist;

export const COMBINED_CHECKLIST_LABELS: Record<CombinedChecklist, string> = {
  'fire-safety-epidemic': '消防安全与疫情防控结合检查',
};

/**
 * The checklist of one unit type (or target kind, or combined checklist) for one region, with every version it had (an inspection keeps
 * the template id and version it used). The source documents leave the items open, so each
 * region may set its own; one set for every region (divisionCode '') stands where none is.
 */
export interface ChecklistTemplate {
  /** `unitType` for every region, `unitType@divisionCode` for one region (and everything under it). */
  templateId: string;
  unitType: ChecklistKey;
  /** '' = every region. */
  divisionCode: string;
  divisionAncestors: string[];
  versions: ChecklistVersion[];
}

/** Where the template that applies comes from: the division code it was set for, 'all-regions', or 'default' (built in). */
export type ChecklistSource = string;

export const CHECKLIST_CODE = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const MAX_CHECKLIST_ITEMS = 100;

// What every residential unit is checked for during an epidemic (疫情防控督查要点).
const RESIDENTIAL: ChecklistItem[] = [
  { code: 'closed-management', text: '落实封闭管理：无新收住、无探视、请假外出人员暂缓返院' },
  { code: 'visitor-registration', text: '出入登记完整：来访、物资配送人员登记、测温、查验健康码' },
  { code: 'temperature-checks', text: '服务对象和工作人员每日两次测温并记录' },
  { code: 'isolation-rooms', text: '设置隔离观察室，位置独立、物资齐备' },
  { code: 'ppe-stock', text: '口罩、防护服、消毒用品储备满足需要' },
  { code: 'disinfection', text: '公共区域按规定频次消毒并有记录' },
  { code: 'vaccination', text: '服务对象和工作人员疫苗接种情况摸底、应接尽接' },
  { code: 'daily-reporting', text: '按时报送日报，零报告也须报送，无瞒报漏报' },
  { code: 'emergency-plan', text: '制定疫情应急预案并开展演练，与定点医疗机构结对' },
  { code: 'staff-health', text: '工作人员健康监测，实行闭环管理' },
];

const CHILD_CARE: ChecklistItem[] = [
  { code: 'child-guardianship', text: '儿童监护责任落实，24 小时值守' },
  { code: 'education-arrangements', text: '线上学习或在院教育安排到位' },
];

const RELIEF: ChecklistItem[] = [
  { code: 'intake-screening', text: '受助人员入站前测温、核酸或健康筛查，单间过渡观察' },
  { code: 'street-outreach', text: '街面巡查救助不断档，发现人员及时引导入站' },
];

const MENTAL_HEALTH: ChecklistItem[] = [
  { code: 'medication-supply', text: '精神类药品储备与按时服药管理' },
  { code: 'ward-safety', text: '病区安全巡查与防走失措施' },
];

const DAY_CARE: ChecklistItem[] = [
  { code: 'service-suspension', text: '按要求暂停集中活动与助餐堂食，改为送餐上门' },
  { code: 'visitor-registration', text: '出入登记、测温、查验健康码' },
  { code: 'disinfection', text: '场所按规定频次消毒并有记录' },
  { code: 'ppe-stock', text: '防护与消毒物资储备' },
  { code: 'daily-reporting', text: '按时报送日报，无瞒报漏报' },
];

const SERVICE_WINDOW: ChecklistItem[] = [
  { code: 'appointment-staggering', text: '实行预约、错峰办理，控制现场人数' },
  { code: 'visitor-registration', text: '入口测温、查验健康码并登记' },
  { code: 'distance-markings', text: '一米线与等候区间隔设置' },
  { code: 'disinfection', text: '窗口与等候区按规定频次消毒' },
  { code: 'ppe-stock', text: '窗口人员防护用品配备' },
];

// Funeral homes: emergency measures, work procedures and service quality (殡仪馆的应急措施、工作流程、服务质量).
const FUNERAL_HOME: ChecklistItem[] = [
  { code: 'emergency-plan', text: '制定疫情应急处置预案，遗体接运、存放、火化应急措施落实' },
  { code: 'transport-staffing', text: '遗体接运岗位人员调配到位，遗体安放板车、存放冷柜配备充足' },
  { code: 'infectious-remains', text: '涉疫遗体按规定流程接运、消毒、火化，全程闭环' },
  { code: 'ceremony-suspension', text: '暂停守灵、告别、祭祀等聚集性殡仪服务项目' },
  { code: 'service-quality', text: '服务流程公开、收费明码标价，服务质量规范' },
  { code: 'disinfection', text: '业务大厅、接运车辆、冷藏间按规定频次消毒并有记录' },
  { code: 'ppe-stock', text: '一线工作人员防护用品、防疫物资保障到位' },
];

// Townships: distribution of protection kits and vouchers, relief policies (以镇（街道）为单位督查发放).
const TOWNSHIP: ChecklistItem[] = [
  { code: 'protection-kits', text: '爱心防护包向低收入家庭发放到位，发放台账完整' },
  { code: 'vouchers', text: '消费券按标准向在册低保、低保边缘户、支出型贫困家庭及散居特困人员发放到位' },
  { code: 'distribution-ledger', text: '发放名单与在册名单一致，无漏发、错发、重复发放' },
  { code: 'relief-policy', text: '救助政策落实到位，应救尽救' },
  { code: 'public-notice', text: '发放情况按规定公示' },
];

// Welfare-lottery sales points (福彩销售站点): the epidemic measures the public must know and follow.
const LOTTERY_OUTLET: ChecklistItem[] = [
  { code: 'public-notice', text: '张贴防控通告，落实需公众周知并配合的防控措施' },
  { code: 'visitor-checks', text: '进店人员测温、查验健康码、佩戴口罩' },
  { code: 'crowd-control', text: '控制店内人数，避免人员聚集' },
  { code: 'disinfection', text: '站点按规定频次消毒并有记录' },
  { code: 'staff-health', text: '销售人员每日健康监测' },
];

// Fire safety together with epidemic prevention (消防安全与疫情防控结合), for any unit.
const FIRE_SAFETY_EPIDEMIC: ChecklistItem[] = [
  { code: 'fire-exits', text: '疏散通道、安全出口畅通，封闭管理期间未锁闭堵塞' },
  { code: 'fire-equipment', text: '灭火器、消火栓、烟感报警等消防设施完好有效' },
  { code: 'disinfectant-storage', text: '酒精等易燃消毒用品规范存放、远离火源，禁止喷洒使用' },
  { code: 'electrical-safety', text: '隔离观察室及取暖、消毒设备用电安全，无私拉乱接' },
  { code: 'fire-drills', text: '结合疫情应急预案开展消防演练，24 小时值班值守到位' },
  { code: 'epidemic-measures', text: '测温、登记、消毒等疫情防控措施同步落实' },
];

/** The built-in checklist of each unit type, target kind and combined checklist, used until a region sets its own. */
export const DEFAULT_CHECKLISTS: Record<ChecklistKey, ChecklistItem[]> = {
  'elderly-care-home': RESIDENTIAL,
  'extreme-poverty-support-home': RESIDENTIAL,
  'child-welfare-home': [...RESIDENTIAL, ...CHILD_CARE],
  'minors-protection-centre': [...RESIDENTIAL, ...CHILD_CARE],
  'relief-station': [...RESIDENTIAL, ...RELIEF],
  'mental-health-welfare': [...RESIDENTIAL, ...MENTAL_HEALTH],
  'day-care-centre': DAY_CARE,
  'service-window': SERVICE_WINDOW,
  'funeral-home': FUNERAL_HOME,
  township: TOWNSHIP,
  'lottery-outlet': LOTTERY_OUTLET,
  'fire-safety-epidemic': FIRE_SAFETY_EPIDEMIC,
};

export function isUnitType(value: string): value is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(value);
}

export function isInspectionTargetType(value: string): value is InspectionTargetType {
  return (INSPECTION_TARGET_TYPES as readonly string[]).includes(value);
}

export function isChecklistKey(value: string): value is ChecklistKey {
  return (CHECKLIST_KEYS as readonly string[]).includes(value);
}

export function templateIdOf(unitType: ChecklistKey, divisionCode: string): string {
  return divisionCode ? `${unitType}@${divisionCode}` : unitType;
}

/**
 * The templates that could apply in a division, narrowest first: the division itself, each
 * enclosing one, then the one for every region. The first that is set wins; none set → default.
 */
export function candidateTemplateIds(unitType: ChecklistKey, divisionCode: string): string[] {
  const divisions = divisionCode ? divisionAncestors(divisionCode).reverse() : [];
  return [...divisions.map((d) => templateIdOf(unitType, d)), templateIdOf(unitType, '')];
}

/** The every-region template before anyone set it: the built-in checklist as version 0. */
export function defaultTemplate(unitType: ChecklistKey): ChecklistTemplate {
  return {
    templateId: templateIdOf(unitType, ''),
    unitType,
    divisionCode: '',
    divisionAncestors: [],
    versions: [{ version: 0, items: DEFAULT_CHECKLISTS[unitType], setBy: 'default', setAt: new Date(0) }],
  };
}

/** A template not yet stored: a region's starts with no versions (its first is 1); every region's with the default. */
export function unsetTemplate(unitType: ChecklistKey, divisionCode: string): ChecklistTemplate {
  if (!divisionCode) return defaultTemplate(unitType);
  return {
    templateId: templateIdOf(unitType, divisionCode),
    unitType,
    divisionCode,
    divisionAncestors: divisionAncestors(divisionCode),
    versions: [],
  };
}

export function currentVersion(template: ChecklistTemplate): ChecklistVersion {
  const last = template.versions[template.versions.length - 1];
  if (!last) throw new Error(`checklist template ${template.templateId} has no version`);
  return last;
}

export function sourceOf(template: ChecklistTemplate, isDefault: boolean): ChecklistSource {
  if (isDefault) return 'default';
  return template.divisionCode || 'all-regions';
}

/** Adds the next version; codes must be unique so results and findings can refer to them. */
export function reviseTemplate(template: ChecklistTemplate, items: ChecklistItem[], by: string, at: Date): ChecklistTemplate {
  if (!items.length || items.length > MAX_CHECKLIST_ITEMS)
    throw DomainError.invalid('InvalidChecklist', `items must hold 1–${MAX_CHECKLIST_ITEMS} entries`, { field: 'items' });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code))
      throw DomainError.invalid('DuplicateChecklistCode', `items.${i}.code ${item.code} appears twice`, { field: `items.${i}.code` });
    seen.add(item.code);
  });
  const version = (template.versions[template.versions.length - 1]?.version ?? 0) + 1;
  return {
    ...template,
    versions: [...template.versions, { version, items: items.map(({ code, text }) => ({ code, text })), setBy: by, setAt: at }],
  };
}
