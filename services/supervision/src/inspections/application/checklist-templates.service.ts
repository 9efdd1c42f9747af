import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isDivisionCode } from '@civil/kernel';
import { assertMaySetFor, InjectClock, Principal } from '@civil/platform';
import {
  CHECKLIST_KEYS,
  ChecklistItem,
  ChecklistKey,
  ChecklistTemplate,
  currentVersion,
  defaultTemplate,
  isChecklistKey,
  reviseTemplate,
  sourceOf,
  templateIdOf,
  unsetTemplate,
} from '../domain/checklist-template';
import { ChecklistTemplateRepository, completeTemplate } from '../infrastructure/checklist-template.repository';

/** What a starting inspection carries: which template, which version, and its items. */
export interface ChecklistInForce {
  templateId: string;
  version: number;
  items: ChecklistItem[];
}

/** A template as callers see it: where it comes from, the version in force and every version it had. */
function templateView(t: ChecklistTemplate, isDefault = false) {
  const { version, items, setBy, setAt } = currentVersion(t);
  return {
    templateId: t.templateId,
    unitType: t.unitType,
    /** The division it was set for ('' = every region); null when the built-in default applies. */
    divisionCode: isDefault ? null : t.divisionCode,
    source: sourceOf(t, isDefault),
    version,
    items,
    setBy,
    setAt,
    versions: t.versions,
  };
}

/**
 * The checklist (检查清单) of each unit type per region, with its history of versions. A region
 * takes the template set for its narrowest enclosing division, else the one for every region,
 * else the built-in default.
 */
@Injectable()
export class ChecklistTemplatesService {
  constructor(
    private readonly templates: ChecklistTemplateRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The template that applies in `divisionCode` ('' = where no region set its own), with its history. */
  async applying(unitType: string, divisionCode = '') {
    const type = this.unitType(unitType);
    const set = await this.templates.applying(type, divisionCode);
    return set ? templateView(set) : templateView(defaultTemplate(type), true);
  }

  /**
   * What is set that concerns the caller's jurisdiction: each unit type's every-region template
   * (or the built-in default), those set for enclosing divisions and those set inside it.
   */
  async list(by: Principal) {
    const set = isDivisionCode(by.jurisdiction) ? await this.templates.setFor(by.jurisdiction) : [];
    const everywhere = new Set(set.filter((t) => !t.divisionCode).map((t) => t.unitType));
    const views = [
      ...CHECKLIST_KEYS.filter((t) => !everywhere.has(t)).map((t) => templateView(defaultTemplate(t), true)),
      ...set.map((t) => templateView(t)),
    ];
    return views
      .sort(
        (a, b) =>
          CHECKLIST_KEYS.indexOf(a.unitType) - CHECKLIST_KEYS.indexOf(b.unitType) ||
          (a.divisionCode ?? '').localeCompare(b.divisionCode ?? ''),
      )
      .map(({ versions: _v, ...rest }) => rest);
  }

  /** The version in force where the unit is, the one a starting inspection carries. */
  async current(unitType: ChecklistKey, divisionCode: string): Promise<ChecklistInForce> {
    const t = (await this.templates.applying(unitType, divisionCode)) ?? defaultTemplate(unitType);
    const { version, items } = currentVersion(t);
    return { templateId: t.templateId, version, items };
  }

  /**
   * A new version of a region's template (or every region's, without divisionCode); inspections
   * already started keep theirs. A region's needs a caller whose jurisdiction covers it; every
   * region's the national level.
   */
  async revise(unitType: string, input: { items: ChecklistItem[]; divisionCode?: string }, by: Principal) {
    const type = this.unitType(unitType);
    const divisionCode = input.divisionCode ?? '';
    assertMaySetFor(by, divisionCode);
    const now = this.clock.now();
    const { state } = await this.templates.store.upsert(templateIdOf(type, divisionCode), (current) => ({
      next: reviseTemplate(current ? completeTemplate(current) : unsetTemplate(type, divisionCode), input.items, by.sub, now),
      changes: [],
    }));
    return templateView(state!);
  }

  private unitType(value: string): ChecklistKey {
    if (!isChecklistKey(value))
      throw DomainError.invalid('UnknownUnitType', `unitType must be one of ${CHECKLIST_KEYS.join(', ')}`, { field: 'unitType' });
    return value;
  }
}
