import { Injectable } from '@nestjs/common';
import { UNIT_TYPES, UnitType, VACCINATION_FLOOR, VACCINATION_GROUP_LABELS, VACCINATION_GROUPS, VaccinationGroup } from '@civil/contracts';
import { Clock, DomainError, isDivisionCode, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import { isStillResident } from '../../residents/domain/resident-status';
import { ResidentRepository } from '../../residents/infrastructure/resident.repository';
import { chooseCounts, COVERAGE_SOURCE_LABELS, CoverageSource } from '../domain/coverage-sources';
import { countEligible } from '../domain/eligibility';
import { rollCounts, unitRollId } from '../domain/staff-roll';
import { checkCounts, GroupCounts, GroupCoverage, GroupTotals, recordCoverage, totals } from '../domain/vaccination-coverage';
import { StaffRollRepository } from '../infrastructure/staff-roll.repository';
import { UnitVaccination, VaccinationCoverageRepository } from '../infrastructure/vaccination-coverage.repository';

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

/** Vaccination coverage of units' residents and staff against the 91.2% floor (底线), and 清零 progress. */
@Injectable()
export class VaccinationService {
  constructor(
    private readonly repository: VaccinationCoverageRepository,
    private readonly units: UnitDirectory,
    private readonly residents: ResidentRepository,
    private readonly rolls: StaffRollRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Records both groups' eligible and vaccinated counts as the unit types them; where it keeps its
   * residents or staff on record, those records give the coverage instead (see coverage-sources.ts).
   */
  async record(unitId: string, input: Record<VaccinationGroup, GroupCounts>, by: Principal): Promise<UnitVaccinationView> {
    VACCINATION_GROUPS.forEach((g) => checkCounts(g, input[g]));
    const unit = await this.units.unitFor(unitId, by);
    return unitView(unit, await this.write(unit, by.sub, input));
  }

  /** Recomputes a unit's coverage from its records after one of them changed; opens or closes episodes. */
  async refresh(unit: Institution, by: string): Promise<UnitVaccination | undefined> {
    return this.write(unit, by);
  }

  /**
   * Counts the unit's residents (eligible by age on the day) and its staff roll, and writes the
   * coverage with the episodes it opens or closes. The records are read just before the write: a
   * change landing in between is counted by the refresh that change makes itself.
   */
  private async write(unit: Institution, by: string, typed?: Record<VaccinationGroup, GroupCounts>): Promise<UnitVaccination | undefined> {
    const today = shanghaiDate(this.clock.now());
    const onRegister = (await this.residents.ofUnit(unit.unitId)).filter((r) => isStillResident(r.status));
    const register = onRegister.length
      ? countEligible(
          onRegister.map((r) => ({ birthDate: r.birthDate ?? null, status: r.vaccination?.status ?? null })),
          today,
        )
      : null;
    const roll = (await this.rolls.get(unitRollId(unit.unitId)))?.value;
    const staff = roll && roll.members.length ? rollCounts(roll) : null;
    const { state } = await this.repository.store.upsert(unit.unitId, (current) => {
      const now = this.clock.now();
      const reported = typed ?? current?.reported ?? (current && typedBefore(current));
      const { counts, sources } = chooseCounts({ register, roll: staff, reported });
      const { next, transitions } = recordCoverage(current?.coverage, counts, { unitId: unit.unitId, now });
      const record: UnitVaccination = {
        unitId: unit.unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        divisionAncestors: unit.divisionAncestors,
        coverage: next,
        ...(reported ? { reported } : {}),
        sources,
        register: register && { ageUnknown: register.ageUnknown, underAge: register.underAge, contraindicated: register.contraindicated },
        updatedAt: now,
        updatedBy: by,
      };
      return { next: record, changes: transitions };
    });
    return state;
  }

  async unitView(unitId: string, by: Principal): Promise<UnitVaccinationView> {
    const unit = await this.units.unitFor(unitId, by);
    return unitView(unit, (await this.repository.get(unitId))?.value);
  }

  /** Totals per group over the active units of a division (optionally of one type), with the units. */
  async regionView(divisionCode: string | undefined, unitType: string | undefined, by: Principal): Promise<RegionVaccinationView> {
    const code = divisionCode ?? by.jurisdiction;
    if (!isDivisionCode(code))
      throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${code} is not a division code`, { field: 'divisionCode' });
    if (unitType !== undefined && !(UNIT_TYPES as readonly string[]).includes(unitType)) {
      throw DomainError.invalid('UnknownUnitType', `unitType must be one of: ${UNIT_TYPES.join(', ')}`, { field: 'unitType' });
    }
    assertCovers(by, code);
    const inRegion = await this.units.inRegion(code, unitType ? [unitType as UnitType] : undefined);
    const records = await this.repository.ofUnits(inRegion.map((u) => u.unitId));
    const recorded = inRegion.filter((u) => records.has(u.unitId)).map((u) => ({ unit: u, record: records.get(u.unitId)! }));
    const forTotals = recorded.map((r) => ({ unitId: r.unit.unitId, coverage: r.record.coverage }));
    const groups = Object.fromEntries(
      VACCINATION_GROUPS.map((g) => [g, { label: VACCINATION_GROUP_LABELS[g], ...totals(forTotals, g) }]),
    ) as RegionVaccinationView['groups'];
    const below = new Set(VACCINATION_GROUPS.flatMap((g) => groups[g].unitsBelowFloor));
    return {
      divisionCode: code,
      unitType: (unitType as UnitType | undefined) ?? null,
      floor: VACCINATION_FLOOR,
      asOf: this.clock.now().toISOString(),
      unitsInRegion: inRegion.length,
      unitsRecorded: recorded.length,
      notRecorded: inRegion.filter((u) => !records.has(u.unitId)).map(ref),
      groups,
      unitsBelowFloor: recorded.map((r) => r.unit.unitId).filter((u) => below.has(u)),
      units: recorded.map(({ unit, record }) => ({
        ...ref(unit),
        updatedAt: record.updatedAt.toISOString(),
        residents: groupView('residents', record),
        staff: groupView('staff', record),
      })),
    };
  }
}

function ref(u: Institution) {
  return { unitId: u.unitId, name: u.name, unitType: u.unitType, divisionCode: u.divisionCode };
}

/** A record written before sources were kept: its figures were all typed in. */
function typedBefore(r: UnitVaccination): Record<VaccinationGroup, GroupCounts> {
  const pick = (g: GroupCoverage) => ({ eligible: g.eligible, vaccinated: g.vaccinated });
  return { residents: pick(r.coverage.residents), staff: pick(r.coverage.staff) };
}

function groupView(group: VaccinationGroup, record: UnitVaccination): GroupView {
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

function unitView(unit: Institution, record: UnitVaccination | undefined): UnitVaccinationView {
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
