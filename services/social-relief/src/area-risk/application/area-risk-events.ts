import { AreaRiskLevelChangedV1, RiskLevel } from '@civil/contracts';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { AreaRisk } from '../domain/area-risk';

/** What happened to an area's risk level in one write. */
export interface AreaRiskChange {
  type: 'level-changed';
  /** The level in force before: the area's own, or the nearest enclosing one's (low by default). */
  previousLevel: RiskLevel;
  reason: string;
  at: Date;
}

/** AreaRiskLevelChanged, one per change of level. */
export const areaRiskEvents: EventMapper<AreaRisk, AreaRiskChange> = (changes, area) =>
  changes.map((c) =>
    outboxEntry(
      AreaRiskLevelChangedV1,
      {
        divisionCode: area.divisionCode,
        level: area.level,
        previousLevel: c.previousLevel,
        reason: c.reason,
        effectiveAt: c.at.toISOString(),
      },
      { time: c.at },
    ),
  );
