import { Injectable } from '@nestjs/common';
import { DONATION_GIFT_KIND_LABELS, DONOR_KIND_LABELS } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { RegionalSettingsService } from '@civil/platform';
import { SettingKey } from '../../regional-settings/domain/settings';
import { DisclosureTally } from '../domain/disclosure';
import { DonationRepository } from '../infrastructure/donation.repository';
import { unitTypeLabel } from './donation-access';

/** The longest period one disclosure covers (days). */
const MAX_PERIOD_DAYS = 366;

/**
 * The public disclosure (公示) of donations received in a division over a period (seed 001:
 * 捐赠款物接收使用全流程公开透明): aggregate figures only, households counted and small counts
 * suppressed at the region's `donation-disclosure-minimum-count` on the period's last day.
 */
@Injectable()
export class DiscloseDonations {
  constructor(
    private readonly donations: DonationRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
  ) {}

  async execute(divisionCode: string, from: string, to: string) {
    if (to < from) throw DomainError.invalid('InvalidPeriod', 'to must not be before from', { field: 'to' });
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_PERIOD_DAYS)
      throw DomainError.invalid('InvalidPeriod', `a disclosure covers at most ${MAX_PERIOD_DAYS} days`, { field: 'to' });
    const minimum = await this.settings.valueFor('donation-disclosure-minimum-count', divisionCode, to);
    const tally = new DisclosureTally();
    for await (const d of this.donations.forDisclosure(divisionCode, from, to)) tally.add(d);
    const f = tally.figures(minimum);
    return {
      divisionCode,
      from,
      to,
      minimumCount: minimum,
      donations: f.donations,
      donors: f.donors.map((d) => ({ ...d, label: DONOR_KIND_LABELS[d.donorKind] })),
      lines: f.lines.map((l) => ({
        ...l,
        giftKindLabel: DONATION_GIFT_KIND_LABELS[l.giftKind],
        toUnits: l.toUnits.map((u) => ({ ...u, unitTypeLabel: unitTypeLabel(u.unitType) })),
      })),
    };
  }
}
