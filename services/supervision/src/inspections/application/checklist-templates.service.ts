import { Injectable } from '@nestjs/common';
import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { ChecklistItem, ChecklistTemplate, currentVersion, defaultTemplate, isUnitType, reviseTemplate } from '../domain/checklist-template';
import { ChecklistTemplateRepository } from '../infrastructure/checklist-template.repository';

const CAS_ATTEMPTS = 5;

/** The checklist (检查清单) of each unit type, with its history of versions. */
@Injectable()
export class ChecklistTemplatesService {
  constructor(
    private readonly templates: ChecklistTemplateRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async template(unitType: string): Promise<ChecklistTemplate> {
    const type = this.unitType(unitType);
    return (await this.templates.get(type))?.value ?? defaultTemplate(type);
  }

  /** Each unit type's checklist in force. */
  async all() {
    return Promise.all(UNIT_TYPES.map(async (t) => ({ unitType: t, ...currentVersion(await this.template(t)) })));
  }

  /** The version in force, the one a starting inspection carries. */
  async current(unitType: UnitType): Promise<{ version: number; items: ChecklistItem[] }> {
    const { version, items } = currentVersion(await this.template(unitType));
    return { version, items };
  }

  async revise(unitType: string, items: ChecklistItem[], by: Principal): Promise<ChecklistTemplate> {
    const type = this.unitType(unitType);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const loaded = await this.templates.get(type);
      const next = reviseTemplate(loaded?.value ?? defaultTemplate(type), items, by.sub, this.clock.now());
      if (loaded ? await this.templates.save(loaded.version, next) : await this.templates.insert(next)) return next;
    }
    throw DomainError.conflict('ConcurrentUpdate', `the ${type} checklist kept changing; try again`);
  }

  private unitType(value: string): UnitType {
    if (!isUnitType(value)) throw DomainError.invalid('UnknownUnitType', `unitType must be one of ${UNIT_TYPES.join(', ')}`, { field: 'unitType' });
    return value;
  }
}
