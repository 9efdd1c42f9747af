import { UnitType, VACCINATION_FLOOR, VACCINATION_GROUP_LABELS, VaccinationGroup } from '@civil/contracts';
import { Institution } from '../../registry/domain/institution';
import { COVERAGE_SOURCE_LABELS, CoverageSource } from '../domain/coverage-sources';
import { GroupCounts, GroupTotals } from '../domain/vaccination-coverage';
import { UnitVaccination } from '../infrastructure/vaccination-coverage.repository';

export interface GroupView {
  label: string;
  eligible: number;
  vaccinated: number;
  coverage: number;
  unvaccinatedEligible: number;
  belowFloor: boolean;
  /** The open below-floor episode, if any. */
  episodeId: string | null;
  belowSince: string | null;
  /** Where the figures come from: register, staff-roll, reported or none. */
  source: CoverageSource;
  sourceLabel: string;
  /** What the unit last typed in for this group, if anything (shown beside derived figures). */
  reported: GroupCounts | null;
}

export interface UnitVaccinationView {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  floor: number;
  recorded: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  residents: GroupView | null;
  staff: GroupView | null;
  /** Residents on the register left out of the floor (under 12, contraindicated) and eligible without a birth date. */
  register: { ageUnknown: number; underAge: number; contraindicated: number } | null;
}

export interface RegionVaccinationView {
  divisionCode: string;
  unitType: UnitType | null;
  floor: number;
  asOf: string;
  unitsInRegion: number;
  unitsRecorded: number;
  /** Units that have never recorded their coverage. */
  notRecorded: { unitId: string; name: string; unitType: UnitType; divisionCode: string }[];
  /** Totals over the units that recorded, per group (coverage of the sums). */
  groups: Record<VaccinationGroup, GroupTotals & { label: string }>;
  /** Units below the floor in any group. */
  unitsBelowFloor: string[];
  /** Every unit that recorded, with its own figures (the drill-down). */
  units: ({ unitId: string; name: string; unitType: UnitType; divisionCode: string; updatedAt: string } & Record<
    VaccinationGroup,
    GroupView
  >)[];
}

/** A unit as the region view names it. */
export function ref(u: Institution) {
  return { unitId: u.unitId, name: u.name, unitType: u.unitType, divisionCode: u.divisionCode };
}

/** One group's coverage of a unit as shown, with where its figures come from. */
export function groupView(group: VaccinationGroup, record: UnitVaccination): GroupView {
  const g = record.coverage[group];
  const source = record.sources?.[group] ?? 'reported';
  return {
    label: VACCINATION_GROUP_LABELS[group],
    eligible: g.eligible,
    vaccinated: g.vaccinated,
    coverage: g.coverage,
    unvaccinatedEligible: g.unvaccinatedEligible,
    belowFloor: g.belowFloor,
    episodeId: g.openEpisode?.episodeId ?? null,
    belowSince: g.openEpisode?.detectedAt.toISOString() ?? null,
    source,
    sourceLabel: COVERAGE_SOURCE_LABELS[source],
    reported: record.reported?.[group] ?? (record.sources ? null : { eligible: g.eligible, vaccinated: g.vaccinated }),
  };
}

/** A unit's coverage as shown (not recorded yet: no groups). */
export function unitVaccinationView(unit: Institution, record: UnitVaccination | undefined): UnitVaccinationView {
  return {
    unitId: unit.unitId,
    unitType: unit.unitType,
    divisionCode: unit.divisionCode,
    floor: VACCINATION_FLOOR,
    recorded: !!record,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: record?.updatedBy ?? null,
    residents: record ? groupView('residents', record) : null,
    staff: record ? groupView('staff', record) : null,
    register: record?.register ?? null,
  };
}
