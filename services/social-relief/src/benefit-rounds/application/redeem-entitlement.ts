import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { parseEntitlementId } from '../domain/round';
import { EntitlementRepository } from '../infrastructure/entitlement.repository';
import { entitlementView } from './round-access';

/** The redemption of an entitlement, once. */
@Injectable()
export class RedeemEntitlement {
  constructor(
    private readonly entitlements: EntitlementRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Records that an entitlement was redeemed; EntitlementRedeemed once, 409 the second time. */
  async execute(entitlementId: string, principal: Principal) {
    const where = parseEntitlementId(entitlementId);
    const notFound = () => DomainError.notFound('EntitlementNotFound', `no entitlement ${entitlementId}`, { entitlementId });
    if (!where) throw notFound();
    const stored = await this.entitlements.bucket(where.roundId, where.bucket);
    // an entitlement never changes once written: only the bucket's redemptions are decided again
    const e = stored?.items.find((x) => x.entitlementId === entitlementId);
    if (!stored || !e) throw notFound();
    assertFoundWithin(principal, notFound, e.divisionCode);
    const now = this.clock.now();
    const redemption = { at: now.toISOString(), by: principal.sub };
    await this.entitlements.redemptions.change(
      stored.docId,
      (bucket) => {
        const redeemed = bucket.redeemed ?? {};
        const done = redeemed[entitlementId];
        if (done)
          throw DomainError.conflict(
            'EntitlementAlreadyRedeemed',
            `entitlement ${entitlementId} was redeemed at ${done.at}; an entitlement is redeemed once`,
            { entitlementId, redeemedAt: done.at },
          );
        return {
          next: { ...bucket, redeemed: { ...redeemed, [entitlementId]: redemption } },
          changes: [{ type: 'redeemed', roundId: where.roundId, entitlement: e, redemption, at: now }],
        };
      },
      notFound,
    );
    return entitlementView(where.roundId, e, redemption);
  }
}
