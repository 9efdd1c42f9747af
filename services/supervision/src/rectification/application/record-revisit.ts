import { Injectable } from '@nestjs/common';
import { addDays, Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { recordRevisit } from '../domain/rectification-issue';
import { IssueChanges } from './issue-changes';

/** A verification revisit; not accepted reopens it with a new due day (regional setting). */
@Injectable()
export class RecordRevisit {
  constructor(
    private readonly changes: IssueChanges,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(issueId: string, input: { accepted: boolean; reason?: string; note?: string }, by: Principal) {
    // the region's days to a new due day, read before deciding (an issue's division never changes)
    const found = await this.changes.mustGet(issueId, by);
    const days = await this.settings.valueFor('rectification-reopen-due-days', found.divisionCode, shanghaiDate(this.clock.now()));
    return this.changes.change(issueId, by, (issue, now) => {
      const revisit = recordRevisit(issue, { ...input, newDueDate: addDays(shanghaiDate(now), days) }, by.sub, now);
      return { type: 'revisited', at: now, revisit };
    });
  }
}
