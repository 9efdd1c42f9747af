import { UNIT_TYPES, UnitType } from '@civil/contracts';
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
 * The checklist of one unit type for one region, with every version it had (an inspection keeps
 * the template id and version it used). The source documents leave the items open, so each
 * region may set its own; one set for every region (divisionCode '') stands where none is.
 */
export interface ChecklistTemplate {
  /** `unitType` for every region, `unitType@divisionCode` for one region (and everything under it). */
  templateId: string;
  unitType: UnitType;
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

/** The built-in checklist of each unit type, used until a region sets its own. */
export const DEFAULT_CHECKLISTS: Record<UnitType, ChecklistItem[]> = {
  'elderly-care-home': RESIDENTIAL,
  'extreme-poverty-support-home': RESIDENTIAL,
  'child-welfare-home': [...RESIDENTIAL, ...CHILD_CARE],
  'minors-protection-centre': [...RESIDENTIAL, ...CHILD_CARE],
  'relief-station': [...RESIDENTIAL, ...RELIEF],
  'mental-health-welfare': [...RESIDENTIAL, ...MENTAL_HEALTH],
  'day-care-centre': DAY_CARE,
  'service-window': SERVICE_WINDOW,
};

export function isUnitType(value: string): value is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(value);
}

export function templateIdOf(unitType: UnitType, divisionCode: string): string {
  return divisionCode ? `${unitType}@${divisionCode}` : unitType;
}

/**
 * The templates that could apply in a division, narrowest first: the division itself, each
 * enclosing one, then the one for every region. The first that is set wins; none set → default.
 */
export function candidateTemplateIds(unitType: UnitType, divisionCode: string): string[] {
  const divisions = divisionCode ? divisionAncestors(divisionCode).reverse() : [];
  return [...divisions.map((d) => templateIdOf(unitType, d)), templateIdOf(unitType, '')];
}

/** The every-region template before anyone set it: the built-in checklist as version 0. */
export function defaultTemplate(unitType: UnitType): ChecklistTemplate {
  return {
    templateId: templateIdOf(unitType, ''),
    unitType,
    divisionCode: '',
    divisionAncestors: [],
    versions: [{ version: 0, items: DEFAULT_CHECKLISTS[unitType], setBy: 'default', setAt: new Date(0) }],
  };
}

/** A template not yet stored: a region's starts with no versions (its first is 1); every region's with the default. */
export function unsetTemplate(unitType: UnitType, divisionCode: string): ChecklistTemplate {
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
