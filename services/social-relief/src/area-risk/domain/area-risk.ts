import { divisionAncestors } from '@civil/kernel';
import type { RiskLevel } from '@civil/contracts';

/**
 * An area's epidemic risk level (低 / 中 / 高风险), set per division code by an authorised officer.
 * A division without its own level takes the nearest enclosing one's; none at all is low. Medium
 * and high change the rules: simplified review, re-checks extended, exits paused, visits tightened.
 */
export interface RiskLevelChange {
  level: RiskLevel;
  reason: string;
  setBy: string;
  at: Date;
}

export interface AreaRisk {
  divisionCode: string;
  level: RiskLevel;
  history: RiskLevelChange[];
}

export function isElevated(level: RiskLevel): boolean {
  return level === 'medium' || level === 'high';
}

/** The level in force at a moment for a division: its own, else the nearest enclosing one. */
export function levelAt(areas: ReadonlyMap<string, AreaRisk>, divisionCode: string, at: Date): { level: RiskLevel; from: string } {
  for (const code of divisionAncestors(divisionCode).reverse()) {
    const area = areas.get(code);
    if (!area) continue;
    let current: RiskLevelChange | undefined;
    for (const c of area.history) if (c.at.getTime() <= at.getTime() && (!current || c.at.getTime() >= current.at.getTime())) current = c;
    if (current) return { level: current.level, from: code };
  }
  return { level: 'low', from: 'default' };
}
