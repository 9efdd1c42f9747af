import { Injectable } from '@nestjs/common';
import { INSPECTION_TARGET_TYPES, SEVERITY_GRID_LETTERS, SeverityGridLetter } from '@civil/contracts';
import { divisionAt, DIVISION_LEVELS, DivisionLevel, divisionLevel, DomainError, isDivisionCode, isLocalDate } from '@civil/kernel';
import { assertCovers, isUnitScoped, Principal } from '@civil/platform';
import { isInspectionTargetType } from '../domain/checklist-template';
import { INSPECTION_TARGET_TYPE_LABELS } from '../domain/inspection-target';
import { Inspection, INSPECTION_STATUSES, InspectionStatus, visibleTo } from '../domain/inspection';
import { InspectionRepository } from '../infrastructure/inspection.repository';
import { InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';

/** Inspections read for one coverage figure; a province has a few thousand units. */
const MAX_INSPECTIONS = 20_000;

interface Tally {
  unitsTotal: number;
  unitsInspected: number;
  inspections: number;
}

/**
 * The figures a lead publishes ("179 elderly homes inspected by 4 teams in 20 rounds"):
 *
 * - `unitsTotal`: registered units in scope (the registry copy); `unitsInspected`: those with at
 *   least one completed inspection; `coverageRate` = inspected / total (0 when no units).
 * - `byUnitType`: the same per unit type; `byDivision`: per division one level below the one asked.
 * - `rounds`: distinct rounds (plans) with an inspection in scope; `teams`: distinct teams that
 *   inspected; `dataTriggered`: inspections scheduled by a data rule.
 * - `inspectionsByStatus`, `inspectionsByMode`, `findingsByLetter` (grid letters A–L, every letter).
 *
 * `from`/`to` (YYYY-MM-DD, optional, both ends included) limit the figures to a period, e.g. this
 * round or this month: a completed inspection counts by the day it was completed, any other by
 * its scheduled day, so `unitsInspected` is the units inspected in the period. Default: all time.
 *
 * Unit staff get their own unit's figures, without unannounced or covert visits not yet started
 * (left out by the query itself, so no count reveals them).
 */
@Injectable()
export class InspectionCoverageService {
  constructor(
    private readonly inspections: InspectionRepository,
    private readonly units: InspectionUnitRepository,
  ) {}

  async coverage(by: Principal, q: { divisionCode?: string; unitType?: string; from?: string; to?: string } = {}) {
    const divisionCode = q.divisionCode ?? by.jurisdiction;
    if (!isDivisionCode(divisionCode))
      throw DomainError.invalid('InvalidQuery', 'divisionCode must be an administrative division code', { field: 'divisionCode' });
    if (q.unitType && !isInspectionTargetType(q.unitType))
      throw DomainError.invalid('InvalidQuery', `unitType must be one of ${INSPECTION_TARGET_TYPES.join(', ')}`, { field: 'unitType' });
    for (const field of ['from', 'to'] as const) {
      if (q[field] !== undefined && !isLocalDate(q[field]!))
        throw DomainError.invalid('InvalidQuery', `${field} must be a calendar date (YYYY-MM-DD)`, { field });
    }
    if (q.from && q.to && q.to < q.from) throw DomainError.invalid('InvalidQuery', 'to must not be before from', { field: 'to' });
    assertCovers(by, divisionCode);
    const viewer = { unitScoped: isUnitScoped(by), unitId: by.unitId };
    const unitId = viewer.unitScoped ? by.unitId : undefined;
    const units = await this.units.list({ jurisdiction: divisionCode, unitType: q.unitType, unitId });
    const found = await this.inspections.list(
      { jurisdiction: divisionCode, unitType: q.unitType, unitId, knownToUnit: viewer.unitScoped, from: q.from, to: q.to },
      MAX_INSPECTIONS,
    );
    const inspections = found.filter((i) => visibleTo(i, viewer));

    const inspectedUnits = new Set(inspections.filter((i) => i.status === 'completed').map((i) => i.unitId));
    const unitTypeOf = new Map(units.map((u) => [u.unitId, u.unitType as string]));
    inspections.forEach((i) => unitTypeOf.has(i.unitId) || unitTypeOf.set(i.unitId, i.unitType));
    const childLevel = DIVISION_LEVELS[DIVISION_LEVELS.indexOf(divisionLevel(divisionCode)) - 1];

    const byType = new Map<string, Tally>();
    const byDivision = new Map<string, Tally>();
    const tally = (m: Map<string, Tally>, k: string) => m.get(k) ?? m.set(k, { unitsTotal: 0, unitsInspected: 0, inspections: 0 }).get(k)!;
    for (const u of units) {
      const inspected = inspectedUnits.has(u.unitId) ? 1 : 0;
      const t = tally(byType, u.unitType);
      t.unitsTotal++;
      t.unitsInspected += inspected;
      if (childLevel) {
        const d = tally(byDivision, childOf(u.divisionCode, childLevel));
        d.unitsTotal++;
        d.unitsInspected += inspected;
      }
    }
    for (const i of inspections) {
      tally(byType, i.unitType).inspections++;
      if (childLevel) tally(byDivision, childOf(i.divisionCode, childLevel)).inspections++;
    }

    return {
      divisionCode,
      unitType: q.unitType ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      unitsTotal: units.length,
      unitsInspected: units.filter((u) => inspectedUnits.has(u.unitId)).length,
      coverageRate: rate(units.filter((u) => inspectedUnits.has(u.unitId)).length, units.length),
      rounds: distinct(inspections.map((i) => i.planId)),
      teams: distinct(inspections.map((i) => i.teamId)),
      dataTriggered: inspections.filter((i) => i.trigger).length,
      byUnitType: [...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([unitType, t]) => ({
          unitType,
          label: INSPECTION_TARGET_TYPE_LABELS[unitType as keyof typeof INSPECTION_TARGET_TYPE_LABELS],
          ...t,
          coverageRate: rate(t.unitsInspected, t.unitsTotal),
        })),
      byDivision: [...byDivision.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, t]) => ({ divisionCode: code, ...t, coverageRate: rate(t.unitsInspected, t.unitsTotal) })),
      inspectionsByStatus: countBy(
        INSPECTION_STATUSES,
        inspections.map((i) => i.status),
      ) as Record<InspectionStatus, number>,
      inspectionsByMode: countBy(
        ['unannounced', 'covert', 'announced', 'self-inspection'],
        inspections.map((i) => i.mode),
      ),
      findingsByLetter: countBy(
        SEVERITY_GRID_LETTERS,
        inspections.flatMap((i: Inspection) => i.findings.map((f) => f.letter)),
      ) as Record<SeverityGridLetter, number>,
    };
  }
}

/** The division one level down holding a code; a unit registered at the asked level itself stays there. */
function childOf(code: string, level: DivisionLevel): string {
  return DIVISION_LEVELS.indexOf(divisionLevel(code)) <= DIVISION_LEVELS.indexOf(level) ? divisionAt(code, level) : code;
}

function rate(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 1000) / 1000 : 0;
}

function distinct(values: (string | null)[]): number {
  return new Set(values.filter((v): v is string => !!v)).size;
}

function countBy(keys: readonly string[], values: readonly string[]): Record<string, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
