import type { DonationGiftKind, DonorKind } from '@civil/contracts';
import { Donation, shown, suppressedCount } from './donation';

/**
 * The public disclosure (公示) of donations received in a division over a period: aggregate
 * figures only. Never a household id, a person, or an individual donor's name; households are
 * counted, and a count below the region's minimum is shown as "<minimum" with the amount those
 * households received left out (null), so no household can be told from the figures.
 */
export interface DisclosureLine {
  giftKind: DonationGiftKind;
  /** The goods' item; null for money. */
  item: string | null;
  /** 'fen' for money. */
  unit: string;
  donations: number;
  received: number;
  allocated: number;
  delivered: number;
  toUnits: { unitType: string; units: number; quantity: number }[];
  toHouseholds: { households: number | string; quantity: number | null };
}

export interface DisclosureFigures {
  donations: number;
  donors: { donorKind: DonorKind; donations: number | string }[];
  lines: DisclosureLine[];
}

type Acc = Omit<DisclosureLine, 'toUnits' | 'toHouseholds'> & {
  units: Map<string, { ids: Set<string>; quantity: number }>;
  households: Set<string>;
  householdQuantity: number;
};

/** Donations as read for the disclosure (no donor name). */
export type DisclosedDonation = Pick<Donation, 'donationId' | 'gift' | 'allocations'> & { donor: Pick<Donation['donor'], 'kind'> };

/**
 * Adds donations up one at a time (so a long period is read with a cursor, never held in memory)
 * by what was given — money, then goods by item and unit — and gives the figures, suppressing
 * small household counts.
 */
export class DisclosureTally {
  private readonly lines = new Map<string, Acc>();
  private readonly donors = new Map<DonorKind, number>();
  private count = 0;

  add(d: DisclosedDonation): void {
    this.count++;
    this.donors.set(d.donor.kind, (this.donors.get(d.donor.kind) ?? 0) + 1);
    const key = `${d.gift.kind}|${d.gift.item ?? ''}|${d.gift.unit}`;
    let acc = this.lines.get(key);
    if (!acc) {
      acc = {
        giftKind: d.gift.kind,
        item: d.gift.item,
        unit: d.gift.unit,
        donations: 0,
        received: 0,
        allocated: 0,
        delivered: 0,
        units: new Map(),
        households: new Set(),
        householdQuantity: 0,
      };
      this.lines.set(key, acc);
    }
    acc.donations++;
    acc.received += d.gift.quantity;
    for (const a of d.allocations) {
      acc.allocated += a.quantity;
      if (a.deliveredAt) acc.delivered += a.quantity;
      if (a.recipientType === 'household') {
        acc.households.add(a.recipientRef);
        acc.householdQuantity += a.quantity;
      } else {
        const type = a.unitType ?? 'unknown';
        const u = acc.units.get(type) ?? { ids: new Set<string>(), quantity: 0 };
        u.ids.add(a.recipientRef);
        u.quantity += a.quantity;
        acc.units.set(type, u);
      }
    }
  }

  figures(minimum: number): DisclosureFigures {
    const ordered = [...this.lines.values()].sort((a, b) =>
      a.giftKind === b.giftKind ? `${a.item}|${a.unit}`.localeCompare(`${b.item}|${b.unit}`) : a.giftKind === 'money' ? -1 : 1,
    );
    return {
      donations: this.count,
      donors: [...this.donors.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        // organisations and enterprises publish their giving; individuals are counted only above the minimum
        .map(([donorKind, n]) => ({ donorKind, donations: donorKind === 'individual' ? suppressedCount(n, minimum) : n })),
      lines: ordered.map(({ units, households, householdQuantity, ...line }) => ({
        ...line,
        toUnits: [...units.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([unitType, u]) => ({ unitType, units: u.ids.size, quantity: u.quantity })),
        toHouseholds: {
          households: suppressedCount(households.size, minimum),
          quantity: shown(households.size, minimum) ? householdQuantity : null,
        },
      })),
    };
  }
}

/** The figures of the donations given, at the minimum count. */
export function discloseFigures(donations: Iterable<DisclosedDonation>, minimum: number): DisclosureFigures {
  const tally = new DisclosureTally();
  for (const d of donations) tally.add(d);
  return tally.figures(minimum);
}
