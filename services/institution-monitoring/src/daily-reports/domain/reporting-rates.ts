import type { UnitType } from '@civil/contracts';
import type { ReportingUnit } from './missed-reports';

/**
 * Reporting completeness in DHIS2's terms, for one day and a region: expected reports (units that
 * owed one), actual (filed, late or not), on time, and the two rates. Drillable: a breakdown by
 * the next division level down and by unit type, and the list of units that have not reported.
 */
export interface ReportingFigures {
  expected: number;
  actual: number;
  onTime: number;
  late: number;
  /** Expected but not filed (recorded as missed, or not yet due). */
  notReported: number;
  /** actual / expected, in percent with one decimal; 100 when nothing was expected. */
  reportingRate: number;
  /** on time / expected, in percent with one decimal. */
  onTimeRate: number;
}

export interface ReportingRates extends ReportingFigures {
  date: string;
  divisionCode: string;
  unitType: UnitType | null;
  byDivision: (ReportingFigures & { divisionCode: string })[];
  byUnitType: (ReportingFigures & { unitType: UnitType })[];
}

export interface FiledReport {
  unitId: string;
  status: 'submitted' | 'missed';
  late?: boolean;
}

export interface NotReported {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  deadline: Date;
  /** The deadline has passed (the day is missed) or not yet (still due). */
  deadlinePassed: boolean;
}

const CHILD_LENGTH: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10;
}

function figures(expected: number, actual: number, onTime: number): ReportingFigures {
  return {
    expected,
    actual,
    onTime,
    late: actual - onTime,
    notReported: expected - actual,
    reportingRate: percent(actual, expected),
    onTimeRate: percent(onTime, expected),
  };
}

/** Units that owed a report on the day: registered by its deadline. */
export function expectedUnits(units: readonly ReportingUnit[], deadlineOf: (u: ReportingUnit) => Date): ReportingUnit[] {
  return units.filter((u) => u.registeredAt.getTime() <= deadlineOf(u).getTime());
}

/**
 * The figures built up a page of units at a time, so a region of any size is counted without
 * holding its units: `add` each page of expected units with the reports filed for them.
 */
export class ReportingRatesTally {
  private readonly childLength: number;
  private readonly divisions = new Map<string, [number, number, number]>();
  private readonly types = new Map<UnitType, [number, number, number]>();
  private expected = 0;
  private actual = 0;
  private onTime = 0;

  constructor(private readonly scope: { date: string; divisionCode: string; unitType: UnitType | null }) {
    this.childLength = CHILD_LENGTH[scope.divisionCode.length] ?? scope.divisionCode.length;
  }

  add(expected: readonly ReportingUnit[], filed: readonly FiledReport[]): this {
    const byUnit = new Map(filed.filter((f) => f.status === 'submitted').map((f) => [f.unitId, f]));
    for (const unit of expected) {
      const report = byUnit.get(unit.unitId);
      const a = report ? 1 : 0;
      const o = report && !report.late ? 1 : 0;
      this.expected++;
      this.actual += a;
      this.onTime += o;
      const child = unit.divisionCode.slice(0, Math.min(this.childLength, unit.divisionCode.length));
      count(this.divisions, child, a, o);
      count(this.types, unit.unitType, a, o);
    }
    return this;
  }

  result(): ReportingRates {
    return {
      ...this.scope,
      ...figures(this.expected, this.actual, this.onTime),
      byDivision: [...this.divisions.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([divisionCode, [e, a, o]]) => ({ divisionCode, ...figures(e, a, o) })),
      byUnitType: [...this.types.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([unitType, [e, a, o]]) => ({ unitType, ...figures(e, a, o) })),
    };
  }
}

function count<K>(map: Map<K, [number, number, number]>, key: K, actual: number, onTime: number): void {
  const t = map.get(key) ?? [0, 0, 0];
  map.set(key, [t[0] + 1, t[1] + actual, t[2] + onTime]);
}

export function computeReportingRates(
  scope: { date: string; divisionCode: string; unitType: UnitType | null },
  expected: readonly ReportingUnit[],
  filed: readonly FiledReport[],
): ReportingRates {
  return new ReportingRatesTally(scope).add(expected, filed).result();
}

/** The expected units with no filed report, with whether their deadline has passed. */
export function notReported(
  expected: readonly ReportingUnit[],
  filed: readonly FiledReport[],
  deadlineOf: (u: ReportingUnit) => Date,
  now: Date,
): NotReported[] {
  const submitted = new Set(filed.filter((f) => f.status === 'submitted').map((f) => f.unitId));
  return expected
    .filter((u) => !submitted.has(u.unitId))
    .map((u) => {
      const deadline = deadlineOf(u);
      return {
        unitId: u.unitId,
        unitType: u.unitType,
        divisionCode: u.divisionCode,
        deadline,
        deadlinePassed: deadline.getTime() <= now.getTime(),
      };
    });
}
