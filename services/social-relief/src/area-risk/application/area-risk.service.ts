import { Injectable } from '@nestjs/common';
import { AreaRiskLevelChangedV1, RiskLevel } from '@civil/contracts';
import { Clock, covers, DomainError } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { AreaRisk, isElevated, levelAt } from '../domain/area-risk';
import { AreaRiskRepository } from '../infrastructure/area-risk.repository';

const CACHE_MS = 5_000;
const CAS_ATTEMPTS = 5;

/** Risk levels per area: set by an authorised officer, published, read by the relief rules. */
@Injectable()
export class AreaRiskService {
  private cached?: { areas: Map<string, AreaRisk>; until: number };

  constructor(
    private readonly repository: AreaRiskRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async set(divisionCode: string, level: RiskLevel, reason: string, by: Principal): Promise<AreaRisk> {
    assertCovers(by, divisionCode);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const now = this.clock.now();
      const current = await this.repository.get(divisionCode);
      const previous = current?.value.level ?? (await this.levelAt(divisionCode, now)).level;
      if (previous === level && current)
        throw DomainError.conflict('LevelUnchanged', `${divisionCode} is already at ${level} risk`, { rule: 'level-unchanged' });
      const next: AreaRisk = {
        divisionCode,
        level,
        history: [...(current?.value.history ?? []), { level, reason, setBy: by.sub, at: now }],
      };
      const event = outboxEntry(
        AreaRiskLevelChangedV1,
        { divisionCode, level, previousLevel: previous, reason, effectiveAt: now.toISOString() },
        { time: now },
      );
      const ok = current ? await this.repository.save(current.version, next, [event]) : await this.repository.insert(next, [event]);
      if (ok) {
        this.cached = undefined;
        this.relay.notifyWritten(AreaRiskRepository.COLLECTION, [{ docId: divisionCode, entries: [event] }]);
        return next;
      }
    }
    throw DomainError.conflict('ConcurrentUpdate', `the risk level of ${divisionCode} kept changing; try again`);
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
