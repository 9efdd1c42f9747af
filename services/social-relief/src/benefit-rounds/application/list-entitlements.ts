import { Injectable } from '@nestjs/common';
import { covers } from '@civil/kernel';
import { assertCovers, Principal } from '@civil/platform';
import { insideDivision } from '../domain/round';
import { EntitlementRepository } from '../infrastructure/entitlement.repository';
import { ReadRound } from './read-round';
import { BUCKET_READ_CHUNK, entitlementView } from './round-access';

/** A round's entitlements, a page at a time, inside a division the caller covers. */
@Injectable()
export class ListEntitlements {
  constructor(
    private readonly read: ReadRound,
    private readonly entitlements: EntitlementRepository,
  ) {}

  /** A page of a round's entitlements inside a division (defaults to the caller's jurisdiction). */
  async execute(roundId: string, principal: Principal, divisionCode: string | undefined, page: number, pageSize: number) {
    const round = await this.read.execute(roundId, principal);
    const within = divisionCode ?? (covers(round.divisionCode, principal.jurisdiction) ? principal.jurisdiction : round.divisionCode);
    assertCovers(principal, within);
    const skip = (page - 1) * pageSize;
    const items: ReturnType<typeof entitlementView>[] = [];
    let seen = 0;
    let hasMore = false;
    const all = Array.from({ length: round.buckets }, (_, b) => b);
    outer: for (let i = 0; i < all.length; i += BUCKET_READ_CHUNK) {
      const buckets = await this.entitlements.buckets(roundId, all.slice(i, i + BUCKET_READ_CHUNK));
      for (const b of [...buckets.keys()].sort((x, y) => x - y)) {
        const stored = buckets.get(b)!;
        for (const e of stored.items) {
          if (!insideDivision(e.divisionCode, within)) continue;
          if (seen++ < skip) continue;
          if (items.length === pageSize) {
            hasMore = true;
            break outer;
          }
          items.push(entitlementView(roundId, e, stored.redeemed[e.entitlementId]));
        }
      }
    }
    return { roundId, divisionCode: within, page, pageSize, hasMore, items };
  }
}
