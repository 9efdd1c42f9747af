import { Injectable } from '@nestjs/common';
import { RiskLevel } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { AreaRisk, isElevated, levelAt } from '../domain/area-risk';
import { AreaRiskRepository } from '../infrastructure/area-risk.repository';

const CACHE_MS = 5_000;

/**
 * The risk levels in force, as the relief rules read them (kept for a few seconds; a level set
 * here is seen at once).
 */
@Injectable()
export class AreaRiskLevels {
  private cached?: { areas: Map<string, AreaRisk>; until: number };

  constructor(
    private readonly repository: AreaRiskRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The level in force for a division at a moment (its own or the nearest enclosing one's). */
  async levelAt(divisionCode: string, at: Date = this.clock.now()): Promise<{ level: RiskLevel; from: string }> {
    return levelAt(await this.areas(), divisionCode, at);
  }

  /** Medium or high risk now: simplified review, re-checks extended, exits paused, visits tightened. */
  async isElevated(divisionCode: string, at: Date = this.clock.now()): Promise<boolean> {
    return isElevated((await this.levelAt(divisionCode, at)).level);
  }

  /** Every area with a level of its own. */
  async areas(): Promise<Map<string, AreaRisk>> {
    if (!this.cached || this.cached.until < Date.now()) {
      const all = await this.repository.all();
      this.cached = { areas: new Map(all.map((a) => [a.divisionCode, a])), until: Date.now() + CACHE_MS };
    }
    return this.cached.areas;
  }

  /** After a level was set: the next read reads them again. */
  forget(): void {
    this.cached = undefined;
  }
}
