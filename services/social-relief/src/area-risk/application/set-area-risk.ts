import { Injectable } from '@nestjs/common';
import { RiskLevel } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { AreaRisk } from '../domain/area-risk';
import { AreaRiskRepository } from '../infrastructure/area-risk.repository';
import { AreaRiskLevels } from './area-risk-levels';

/** Sets an area's risk level (an authorised officer inside it), published as AreaRiskLevelChanged. */
@Injectable()
export class SetAreaRisk {
  constructor(
    private readonly repository: AreaRiskRepository,
    private readonly levels: AreaRiskLevels,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(divisionCode: string, level: RiskLevel, reason: string, by: Principal): Promise<AreaRisk> {
    assertCovers(by, divisionCode);
    const now = this.clock.now();
    // an area without a level of its own had the nearest enclosing one's
    const inherited = (await this.levels.levelAt(divisionCode, now)).level;
    const { state } = await this.repository.store.upsert(divisionCode, (current) => {
      const previous = current?.level ?? inherited;
      if (previous === level && current)
        throw DomainError.conflict('LevelUnchanged', `${divisionCode} is already at ${level} risk`, { rule: 'level-unchanged' });
      const next: AreaRisk = {
        divisionCode,
        level,
        history: [...(current?.history ?? []), { level, reason, setBy: by.sub, at: now }],
      };
      return { next, changes: [{ type: 'level-changed', previousLevel: previous, reason, at: now }] };
    });
    this.levels.forget();
    return state!;
  }
}
