import { Injectable } from '@nestjs/common';
import { maskName } from '@civil/kernel';
import { FieldCipher, isUnitScoped, Principal } from '@civil/platform';
import { rollCounts, STAFF_CATEGORY_LABELS, StaffRoll } from '../domain/staff-roll';
import { VACCINATION_STATUS_LABELS } from '../domain/vaccination-status';
import { StaffRollRepository } from '../infrastructure/staff-roll.repository';
import { RollTarget, StaffRollTarget } from './staff-roll-target';

/**
 * What a caller sees of a roll: the counts that must reach zero, and each member. Names in full only
 * to the unit's own staff (a unit's roll) or to the officers who keep it (an office's), masked otherwise.
 */
export function staffRollView(rollId: string, roll: StaffRoll | null, by: Principal, cipher: FieldCipher) {
  const ownUnit = roll?.owner.kind === 'unit' && isUnitScoped(by) && by.unitId === roll.owner.unitId;
  const fullNames = ownUnit || roll?.owner.kind === 'office';
  const { members: membersOnRoll, ...counts } = rollCounts(roll ?? { members: [] });
  return {
    rollId,
    membersOnRoll,
    ...counts,
    cleared: counts.unvaccinatedEligible === 0,
    members: (roll?.members ?? []).map((m) => {
      const name = cipher.decrypt(m.nameCipher);
      return {
        staffId: m.staffId,
        name: fullNames ? name : maskName(name),
        category: m.category,
        categoryLabel: STAFF_CATEGORY_LABELS[m.category],
        vaccinationStatus: m.vaccination.status,
        vaccinationStatusLabel: VACCINATION_STATUS_LABELS[m.vaccination.status],
        recordedAt: m.vaccination.recordedAt.toISOString(),
      };
    }),
    notClearedSignalled: roll?.notClearedSignalled ?? [],
  };
}

@Injectable()
export class ReadStaffRoll {
  constructor(
    private readonly target: StaffRollTarget,
    private readonly rolls: StaffRollRepository,
    private readonly cipher: FieldCipher,
  ) {}

  async execute(target: RollTarget, by: Principal) {
    const resolved = await this.target.resolve(target, by);
    return staffRollView(resolved.rollId, (await this.rolls.get(resolved.rollId))?.value ?? null, by, this.cipher);
  }
}
