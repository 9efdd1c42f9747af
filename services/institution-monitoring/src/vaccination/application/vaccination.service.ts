import { Injectable } from '@nestjs/common';
import { UNIT_TYPES, UnitType, VACCINATION_FLOOR, VACCINATION_GROUP_LABELS, VACCINATION_GROUPS, VaccinationGroup } from '@civil/contracts';
import { Clock, DomainError, isDivisionCode } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import { GroupCounts, GroupCoverage, GroupTotals, recordCoverage, totals } from '../domain/vaccination-coverage';
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
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Records both groups' eligible and vaccinated counts; opens or closes below-floor episodes. */
  async record(unitId: string, input: Record<VaccinationGroup, GroupCounts>, by: Principal): Promise<UnitVaccinationView> {
    const unit = await this.units.unitFor(unitId, by);
    const { state } = await this.repository.store.upsert(unitId, (current) => {
      const now = this.clock.now();
      const { next, transitions } = recordCoverage(current?.coverage, input, { unitId, now });
      const record: UnitVaccination = {
        unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        divisionAncestors: unit.divisionAncestors,
        coverage: next,
        updatedAt: now,
        updatedBy: by.sub,
      };
      return { next: record, changes: transitions };
    });
    return unitView(unit, state);
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
        residents: groupView('residents', record.coverage.residents),
        staff: groupView('staff', record.coverage.staff),
      })),
    };
  }

  /** The event of an episode opening or closing; its id derives from the episode. */
}

function ref(u: Institution) {
  return { unitId: u.unitId, name: u.name, unitType: u.unitType, divisionCode: u.divisionCode };
}

function groupView(group: VaccinationGroup, g: GroupCoverage): GroupView {
  return {
    label: VACCINATION_GROUP_LABELS[group],
    eligible: g.eligible,
    vaccinated: g.vaccinated,
    coverage: g.coverage,
    unvaccinatedEligible: g.unvaccinatedEligible,
    belowFloor: g.belowFloor,
    episodeId: g.openEpisode?.episodeId ?? null,
    belowSince: g.openEpisode?.detectedAt.toISOString() ?? null,
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
    residents: record ? groupView('residents', record.coverage.residents) : null,
    staff: record ? groupView('staff', record.coverage.staff) : null,
  };
}
