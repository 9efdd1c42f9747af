import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { clearedChanges, setMemberStatus, StaffRoll } from '../domain/staff-roll';
import { VaccinationStatus } from '../domain/vaccination-status';
import { StaffRollRepository } from '../infrastructure/staff-roll.repository';
import { RollTarget, StaffRollTarget } from './staff-roll-target';
import { UnitCoverage } from './unit-coverage';

/** A member's vaccination status on a staff roll; a unit's coverage follows. */
@Injectable()
export class RecordStaffVaccination {
  constructor(
    private readonly target: StaffRollTarget,
    private readonly rolls: StaffRollRepository,
    private readonly coverage: UnitCoverage,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(target: RollTarget, staffId: string, status: VaccinationStatus, by: Principal): Promise<StaffRoll> {
    const resolved = await this.target.resolve(target, by);
    const notFound = () =>
      DomainError.notFound('StaffMemberNotFound', `staff roll ${resolved.rollId} has no member ${staffId}`, { staffId });
    const { state } = await this.rolls.store.change(
      resolved.rollId,
      (roll) => {
        const now = this.clock.now();
        const next = setMemberStatus(roll, staffId, status, by.sub, now);
        if (next === roll) return undefined;
        const cleared = clearedChanges(next, now);
        return { next: cleared.roll, changes: cleared.changes };
      },
      notFound,
    );
    if (resolved.unit) await this.coverage.refresh(resolved.unit, by.sub);
    return state;
  }
}
