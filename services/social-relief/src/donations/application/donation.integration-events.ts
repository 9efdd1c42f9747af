import { DonationAllocatedV1, DonationDeliveredV1, DonationReceivedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Allocation, allocatedQuantity, Donation, remainingQuantity } from '../domain/donation';

/** What happened to a donation in one write that others hear of (amounts and references only, never a donor's name). */
export type DonationChange =
  | { type: 'received'; at: Date }
  | { type: 'allocated'; allocation: Allocation; at: Date }
  | { type: 'delivered'; allocationId: string; at: Date };

/** The donation's integration events, each with an id derived from what it is about. */
export const donationEvents: EventMapper<Donation, DonationChange> = (changes, d) =>
  changes.map((c) => {
    switch (c.type) {
      case 'received':
        return outboxEntry(
          DonationReceivedV1,
          {
            donationId: d.donationId,
            divisionCode: d.divisionCode,
            donorKind: d.donor.kind,
            giftKind: d.gift.kind,
            item: d.gift.item,
            unit: d.gift.unit,
            quantity: d.gift.quantity,
            receivedAt: d.receivedAt.toISOString(),
          },
          { time: c.at, id: deterministicId(DonationReceivedV1.type, d.donationId) },
        );
      case 'allocated': {
        const a = c.allocation;
        // totals as they stood right after this allocation (later ones of the same write are not counted)
        const upTo = d.allocations.slice(0, d.allocations.findIndex((x) => x.allocationId === a.allocationId) + 1);
        return outboxEntry(
          DonationAllocatedV1,
          {
            donationId: d.donationId,
            allocationId: a.allocationId,
            divisionCode: d.divisionCode,
            recipientType: a.recipientType,
            recipientRef: a.recipientRef,
            giftKind: d.gift.kind,
            unit: d.gift.unit,
            quantity: a.quantity,
            allocatedTotal: allocatedQuantity({ allocations: upTo }),
            remaining: remainingQuantity({ gift: d.gift, allocations: upTo }),
            status: d.status,
            allocatedAt: a.allocatedAt.toISOString(),
          },
          { time: c.at, id: deterministicId(DonationAllocatedV1.type, a.allocationId) },
        );
      }
      case 'delivered': {
        const a = d.allocations.find((x) => x.allocationId === c.allocationId)!;
        return outboxEntry(
          DonationDeliveredV1,
          {
            donationId: d.donationId,
            allocationId: a.allocationId,
            divisionCode: d.divisionCode,
            recipientType: a.recipientType,
            recipientRef: a.recipientRef,
            quantity: a.quantity,
            status: d.status,
            deliveredAt: a.deliveredAt!.toISOString(),
          },
          { time: c.at, id: deterministicId(DonationDeliveredV1.type, a.allocationId) },
        );
      }
    }
  });
