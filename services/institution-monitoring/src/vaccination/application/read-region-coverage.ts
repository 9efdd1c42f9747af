import { Injectable } from '@nestjs/common';
import { UNIT_TYPES, UnitType, VACCINATION_FLOOR, VACCINATION_GROUP_LABELS, VACCINATION_GROUPS } from '@civil/contracts';
import { Clock, DomainError, isDivisionCode } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { totals } from '../domain/vaccination-coverage';
import { VaccinationCoverageRepository } from '../infrastructure/vaccination-coverage.repository';
import { groupView, ref, RegionVaccinationView } from './coverage-view';

/** Totals per group over the active units of a division (optionally of one type), with the units. */
@Injectable()
export class ReadRegionCoverage {
  constructor(
    private readonly repository: VaccinationCoverageRepository,
    private readonly units: UnitDirectory,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(divisionCode: string | undefined, unitType: string | undefined, by: Principal): Promise<RegionVaccinationView> {
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
