import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { checkClearance, clearanceDueDate } from '../domain/staff-roll';
import { StaffRollRepository } from '../infrastructure/staff-roll.repository';

/** Rolls per page of the sweep: one bulk read and at most one bulk write each. */
const PAGE = 1_000;

/**
 * Signals every staff roll not cleared (清零) by its region's due date (setting
 * `staff-vaccination-clearance-due-date`, the value for the roll's division today): once per roll
 * and due date. Safe on every replica at once and after a crash: the roll remembers the due dates it
 * signalled in the same write as the event, and the event id derives from roll and due date.
 */
@Injectable()
export class StaffClearanceSweepService {
  constructor(
    private readonly rolls: StaffRollRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<{ signalled: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    let signalled = 0;
    for await (const ids of this.rolls.rollIds(PAGE)) {
      const current = await this.rolls.store.getMany(ids);
      const due = new Map<string, string | null>();
      for (const [id, { value }] of current) {
        due.set(id, clearanceDueDate(await this.settings.valueFor('staff-vaccination-clearance-due-date', value.divisionCode, today)));
      }
      const r = await this.rolls.store.changeMany(ids, (roll, id) => {
        if (!roll) return undefined;
        const decided = checkClearance(roll, due.get(id) ?? null, today, now);
        return decided && { next: decided.roll, changes: decided.changes };
      });
      signalled += r.written.size;
    }
    return { signalled };
  }
}
