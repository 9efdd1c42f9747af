import { Injectable } from '@nestjs/common';
import { RiskLevel } from '@civil/contracts';
import { Clock, covers, DomainError } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { AreaRisk, isElevated, levelAt } from '../domain/area-risk';
import { AreaRiskRepository } from '../infrastructure/area-risk.repository';

const CACHE_MS = 5_000;

/** Risk levels per area: set by an authorised officer, published, read by the relief rules. */
@Injectable()
export class AreaRiskService {
  private cached?: { areas: Map<string, AreaRisk>; until: number };

  constructor(
    private readonly repository: AreaRiskRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async set(divisionCode: string, level: RiskLevel, reason: string, by: Principal): Promise<AreaRisk> {
    assertCovers(by, divisionCode);
    const now = this.clock.now();
    // an area without a level of its own had the nearest enclosing one's
    const inherited = (await this.levelAt(divisionCode, now)).level;
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
    this.cached = undefined;
    return state!;
  }

  /** The level in force for a division at a moment (its own or the nearest enclosing one's). */
  async levelAt(divisionCode: string, at: Date = this.clock.now()): Promise<{ level: RiskLevel; from: string }> {
    return levelAt(await this.areas(), divisionCode, at);
  }

  /** Medium or high risk now: simplified review, re-checks extended, exits paused, visits tightened. */
  async isElevated(divisionCode: string, at: Date = this.clock.now()): Promise<boolean> {
    return isElevated((await this.levelAt(divisionCode, at)).level);
  }

  async list(by: Principal): Promise<AreaRisk[]> {
    return [...(await this.areas()).values()].filter(
      (a) => covers(a.divisionCode, by.jurisdiction) || covers(by.jurisdiction, a.divisionCode),
    );
  }

  private async areas(): Promise<Map<string, AreaRisk>> {
    if (!this.cached || this.cached.until < Date.now()) {
      const all = await this.repository.all();
      this.cached = { areas: new Map(all.map((a) => [a.divisionCode, a])), until: Date.now() + CACHE_MS };
    }
    return this.cached.areas;
  }
}
