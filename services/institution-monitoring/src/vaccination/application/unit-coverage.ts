import { Injectable } from '@nestjs/common';
import { VaccinationGroup } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { Institution } from '../../registry/domain/institution';
import { isStillResident } from '../../residents/domain/resident-status';
import { ResidentRepository } from '../../residents/infrastructure/resident.repository';
import { chooseCounts } from '../domain/coverage-sources';
import { countEligible } from '../domain/eligibility';
import { rollCounts, unitRollId } from '../domain/staff-roll';
import { GroupCounts, GroupCoverage, recordCoverage } from '../domain/vaccination-coverage';
import { StaffRollRepository } from '../infrastructure/staff-roll.repository';
import { UnitVaccination, VaccinationCoverageRepository } from '../infrastructure/vaccination-coverage.repository';
import { unitVaccinationView, UnitVaccinationView } from './coverage-view';

/**
 * A unit's vaccination coverage against the 91.2% floor (底线), as the use cases that change it
 * share it: written from the unit's records (its register of residents and its staff roll) or from
 * what it typed in, opening or closing below-floor episodes; and the unit's coverage as shown.
 */
@Injectable()
export class UnitCoverage {
  constructor(
    private readonly repository: VaccinationCoverageRepository,
    private readonly residents: ResidentRepository,
    private readonly rolls: StaffRollRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Recomputes a unit's coverage from its records after one of them changed; opens or closes episodes. */
  async refresh(unit: Institution, by: string): Promise<UnitVaccination | undefined> {
    return this.write(unit, by);
  }

  /** The unit's coverage as recorded now. */
  async view(unit: Institution): Promise<UnitVaccinationView> {
    return unitVaccinationView(unit, (await this.repository.get(unit.unitId))?.value);
  }

  /**
   * Counts the unit's residents (eligible by age on the day) and its staff roll, and writes the
   * coverage with the episodes it opens or closes. The records are read just before the write: a
   * change landing in between is counted by the refresh that change makes itself.
   */
  async write(unit: Institution, by: string, typed?: Record<VaccinationGroup, GroupCounts>): Promise<UnitVaccination | undefined> {
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
}

/** A record written before sources were kept: its figures were all typed in. */
function typedBefore(r: UnitVaccination): Record<VaccinationGroup, GroupCounts> {
  const pick = (g: GroupCoverage) => ({ eligible: g.eligible, vaccinated: g.vaccinated });
  return { residents: pick(r.coverage.residents), staff: pick(r.coverage.staff) };
}
