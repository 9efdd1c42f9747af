import { StaffVaccinationClearedV1, StaffVaccinationNotClearedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { rollCounts, StaffRoll, StaffRollChange } from '../domain/staff-roll';

/** A roll not cleared by a due date, or cleared after; the event id derives from roll and due date. Counts only, never names. */
export const staffRollEvents: EventMapper<StaffRoll, StaffRollChange> = (changes, roll) =>
  changes.map((c) => {
    const counts = rollCounts(roll);
    const unit = roll.owner.kind === 'unit' ? roll.owner : null;
    if (c.kind === 'cleared') {
      return outboxEntry(
        StaffVaccinationClearedV1,
        {
          rollId: roll.rollId,
          unitId: unit?.unitId ?? null,
          divisionCode: roll.divisionCode,
          eligible: counts.eligible,
          dueDate: c.dueDate,
          clearedAt: c.clearedAt.toISOString(),
        },
        { time: c.clearedAt, id: deterministicId(StaffVaccinationClearedV1.type, `${roll.rollId}@${c.dueDate}`) },
      );
    }
    return outboxEntry(
      StaffVaccinationNotClearedV1,
      {
        rollId: roll.rollId,
        unitId: unit?.unitId ?? null,
        unitType: unit?.unitType ?? null,
        department: roll.owner.kind === 'office' ? roll.owner.department : null,
        divisionCode: roll.divisionCode,
        members: counts.members,
        eligible: counts.eligible,
        unvaccinatedEligible: counts.unvaccinatedEligible,
        dueDate: c.dueDate,
        detectedAt: c.detectedAt.toISOString(),
      },
      { time: c.detectedAt, id: deterministicId(StaffVaccinationNotClearedV1.type, `${roll.rollId}@${c.dueDate}`) },
    );
  });
