import { Injectable } from '@nestjs/common';
import { Clock, divisionAncestors, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { ROLL_BUCKETS } from '../../people/domain/register-roll';
import { advance, Campaign, openCampaign, subjectOf, taskId } from '../domain/campaign';
import { coverageOf, raiseWarning } from '../domain/low-income-warning';
import { LOW_INCOME_CAMPAIGN_STATUS_LABELS } from '../domain/labels';
import { CampaignRepository } from '../infrastructure/campaign.repository';
import { LowIncomeWarningRepository } from '../infrastructure/low-income-warning.repository';
import { WarningGrading } from './warning-grading';

/** Roll buckets read per page of a run. */
export const CAMPAIGN_PAGE_BUCKETS = 32;

export interface OpenCampaignCommand {
  campaignId: string;
  year: number;
  divisionCode: string;
  snapshotDate?: string;
}

/** A person kept at county level only is checked by the county's own office (township `000`). */
const townshipOrFiner = (code: string) => (code.length >= 9 ? code : code.padEnd(9, '0'));

function campaignNotFound(campaignId: string): DomainError {
  return DomainError.notFound('CampaignNotFound', `no low-income campaign ${campaignId}`, { campaignId });
}

/**
 * The yearly campaign (每年一次集中排查): opened for a county or wider, run in pages of roll buckets
 * (the campaign's cursor is the next bucket, so an interrupted run is resumed and a page read
 * twice makes no task twice: a task's id is derived from campaign and household), one home-check
 * task per household on a register, with coverage per township.
 */
@Injectable()
export class Campaigns {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly warnings: LowIncomeWarningRepository,
    private readonly people: PersonRegistry,
    private readonly grading: WarningGrading,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async open(cmd: OpenCampaignCommand, by: Principal) {
    assertCovers(by, cmd.divisionCode);
    const now = this.clock.now();
    const campaign = openCampaign({
      campaignId: cmd.campaignId,
      year: cmd.year,
      divisionCode: cmd.divisionCode,
      divisionAncestors: divisionAncestors(cmd.divisionCode),
      snapshotDate: cmd.snapshotDate ?? shanghaiDate(now),
      createdAt: now,
      createdBy: by.sub,
    });
    if (!(await this.campaigns.store.create(campaign, []))) {
      const existing = (await this.campaigns.get(cmd.campaignId))!.value;
      if (existing.divisionCode !== campaign.divisionCode || existing.year !== campaign.year) {
        throw DomainError.conflict('CampaignExists', `campaign ${cmd.campaignId} exists for ${existing.year} in ${existing.divisionCode}`, {
          campaignId: cmd.campaignId,
        });
      }
      return { created: false, ...(await this.view(existing, now)) };
    }
    return { created: true, ...(await this.view(campaign, now)) };
  }

  /** Runs the campaign from its cursor to the end of the roll (or `maxPages` pages); safe to repeat or run side by side. */
  async run(campaignId: string, by: Principal, maxPages = Number.POSITIVE_INFINITY) {
    let c = await this.load(campaignId, by);
    const now = this.clock.now();
    const rulesOf = this.grading.campaignMemo(now);
    for (let pages = 0; c.status !== 'completed' && pages < maxPages; pages++) {
      const from = c.cursor;
      const buckets = Array.from({ length: Math.min(CAMPAIGN_PAGE_BUCKETS, ROLL_BUCKETS - from) }, (_, i) => from + i);
      const members = [...(await this.people.rollBuckets(buckets)).values()].flat();
      let made = 0;
      const seen = new Set<string>();
      for (const m of members) {
        if (!m.divisionCode.startsWith(c.divisionCode)) continue;
        const subject = subjectOf(m.memberships, m.personId, c.snapshotDate);
        if (!subject) continue;
        const id = taskId(c.campaignId, subject);
        if (seen.has(id)) continue;
        seen.add(id);
        // a household's members hash to different buckets: the first page to meet it makes its task
        const task = raiseWarning(
          {
            warningId: id,
            source: 'campaign',
            sourceRecordId: `${c.campaignId}:${subject.type}:${subject.id}`,
            campaignId: c.campaignId,
            kind: 'annual-review',
            subjectType: subject.type,
            subjectId: subject.id,
            divisionCode: townshipOrFiner(m.divisionCode),
            divisionAncestors: divisionAncestors(townshipOrFiner(m.divisionCode)),
            comparedOn: c.snapshotDate,
            by: by.sub,
          },
          await rulesOf(m.divisionCode),
          now,
        );
        if (await this.warnings.store.create(task, [])) made++;
      }
      const next = from + buckets.length;
      const { state } = await this.campaigns.store.change(
        c.campaignId,
        (cur) => {
          const moved = advance(cur, next, made, ROLL_BUCKETS - 1, now);
          return moved === cur ? undefined : { next: moved, changes: [] };
        },
        () => campaignNotFound(c.campaignId),
      );
      c = state;
    }
    return this.view(c, now);
  }

  async read(campaignId: string, by: Principal) {
    return this.view(await this.load(campaignId, by), this.clock.now());
  }

  private async load(campaignId: string, by: Principal): Promise<Campaign> {
    const found = await this.campaigns.get(campaignId);
    const notFound = () => campaignNotFound(campaignId);
    if (!found) throw notFound();
    assertFoundWithin(by, notFound, found.value.divisionCode);
    return found.value;
  }

  private async view(c: Campaign, now: Date) {
    const byTownship = await this.warnings.coverageOf(c.campaignId, now);
    const townships = [...byTownship.entries()].map(([townshipCode, cov]) => ({ townshipCode, ...cov }));
    const total = townships.reduce(
      (t, x) => ({ due: t.due + x.due, checked: t.checked + x.checked, overdue: t.overdue + x.overdue }),
      coverageOf([], now),
    );
    return {
      campaignId: c.campaignId,
      year: c.year,
      divisionCode: c.divisionCode,
      snapshotDate: c.snapshotDate,
      status: c.status,
      statusLabel: LOW_INCOME_CAMPAIGN_STATUS_LABELS[c.status],
      progress: { bucketsRead: c.cursor, buckets: ROLL_BUCKETS },
      tasksCreated: c.tasksCreated,
      coverage: { ...total, townships },
    };
  }
}
