import { EntitlementIssuedV1, EntitlementRedeemedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { OutboxEntry, outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import type { Entitlement } from '../domain/round';
import type { IssuanceMarker } from '../infrastructure/entitlement-issuance.store';
import type { BucketRedemptions, Redemption } from '../infrastructure/entitlement.repository';

/** What happened to a bucket's redemptions in one write: an entitlement was redeemed. */
export interface EntitlementChange {
  type: 'redeemed';
  roundId: string;
  /** The entitlement as issued (entitlements in a bucket never change once written). */
  entitlement: Entitlement;
  redemption: Redemption;
  at: Date;
}

/** EntitlementRedeemed, its id derived from the entitlement: an entitlement is redeemed once. */
export const entitlementEvents: EventMapper<BucketRedemptions, EntitlementChange> = (changes) =>
  changes.map(({ roundId, entitlement: e, redemption, at }) =>
    outboxEntry(
      EntitlementRedeemedV1,
      {
        entitlementId: e.entitlementId,
        roundId,
        beneficiaryRef: e.beneficiaryRef,
        divisionCode: e.divisionCode,
        amountFen: e.amountFen,
        redeemedAt: redemption.at,
      },
      { time: at, id: deterministicId(EntitlementRedeemedV1.type, e.entitlementId) },
    ),
  );

/**
 * EntitlementIssued for an entitlement a bucket write added (built by EntitlementIssuanceStore, not
 * kept in the bucket). Everything in it comes from the entitlement and the write's marker, with an
 * id derived from the entitlement, so the event rebuilt after a crash has the id and data of the
 * event the run announced (consumers de-duplicate on the id); only its trace may differ.
 */
export function issuedEntry(marker: IssuanceMarker, e: Entitlement): OutboxEntry {
  return outboxEntry(
    EntitlementIssuedV1,
    {
      entitlementId: e.entitlementId,
      roundId: marker.roundId,
      roundKind: marker.roundKind,
      beneficiaryType: e.beneficiaryType,
      beneficiaryRef: e.beneficiaryRef,
      register: e.register,
      quantity: e.quantity,
      amountFen: e.amountFen,
      divisionCode: e.divisionCode,
      issuedAt: e.issuedAt,
    },
    {
      time: new Date(e.issuedAt),
      id: deterministicId(EntitlementIssuedV1.type, e.entitlementId),
      traceparent: marker.traceparent ?? undefined,
    },
  );
}
