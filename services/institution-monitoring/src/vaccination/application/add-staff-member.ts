import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { FieldCipher, InjectClock, Principal } from '@civil/platform';
import { addMember, emptyRoll, StaffCategory, StaffRoll } from '../domain/staff-roll';
import { VaccinationStatus } from '../domain/vaccination-status';
import { StaffRollRepository } from '../infrastructure/staff-roll.repository';
import { RollTarget, StaffRollTarget } from './staff-roll-target';
import { UnitCoverage } from './unit-coverage';

/** Puts a person on a staff roll (登记造册) with their vaccination status; a unit's coverage follows. */
@Injectable()
export class AddStaffMember {
  constructor(
    private readonly target: StaffRollTarget,
    private readonly rolls: StaffRollRepository,
    private readonly coverage: UnitCoverage,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(
    target: RollTarget,
    input: { name: string; category: StaffCategory; vaccinationStatus: VaccinationStatus },
    by: Principal,
  ): Promise<{ roll: StaffRoll; staffId: string }> {
    const resolved = await this.target.resolve(target, by);
    const staffId = `st-${randomUUID()}`;
    const nameCipher = this.cipher.encrypt(input.name.trim());
    const { state } = await this.rolls.store.upsert(resolved.rollId, (current) => {
      const now = this.clock.now();
      const roll = current ?? emptyRoll(resolved.rollId, resolved.owner, resolved.division, now);
      const member = {
        staffId,
        nameCipher,
        category: input.category,
        vaccination: { status: input.vaccinationStatus, recordedAt: now, recordedBy: by.sub },
        addedAt: now,
      };
      return { next: addMember(roll, member, now), changes: [] };
    });
    if (resolved.unit) await this.coverage.refresh(resolved.unit, by.sub);
    return { roll: state!, staffId };
  }
}
