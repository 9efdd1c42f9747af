import { Injectable } from '@nestjs/common';
import type { CeremonyKind } from '@civil/contracts';
import { effectiveEnd, suspendedError, suspends } from '../domain/ceremony-suspension';
import { SuspensionOrderRepository } from '../infrastructure/ceremony.repositories';

export interface SuspensionInForce {
  orderId: string;
  divisionCode: string;
  kinds: CeremonyKind[];
  reason: string;
  from: string;
  /** When it ends (until, or when it was lifted); null while open-ended. */
  until: string | null;
}

/**
 * Whether a ceremony may be held: for the cases capability (an infectious case has no ceremony at
 * all; any other checks here) and for bookings.
 */
@Injectable()
export class CeremonyRules {
  constructor(private readonly orders: SuspensionOrderRepository) {}

  /** The order suspending `kind` in `divisionCode` at `at`, or null. */
  suspensionFor(divisionCode: string, kind: CeremonyKind, at: Date): Promise<SuspensionInForce | null> {
    return this.suspensionDuring(divisionCode, kind, at, new Date(at.getTime() + 1));
  }

  /** The first order (oldest issued) suspending `kind` in `divisionCode` at any time in [from, to), or null. */
  async suspensionDuring(divisionCode: string, kind: CeremonyKind, from: Date, to: Date): Promise<SuspensionInForce | null> {
    const order = (await this.orders.covering(divisionCode, kind)).find((o) => suspends(o, divisionCode, kind, from, to));
    if (!order) return null;
    return {
      orderId: order.orderId,
      divisionCode: order.divisionCode,
      kinds: order.kinds,
      reason: order.reason,
      from: order.from.toISOString(),
      until: effectiveEnd(order)?.toISOString() ?? null,
    };
  }

  /** Throws 409 CeremonySuspended naming the order when `kind` is suspended during [from, to). */
  async assertAllowed(divisionCode: string, kind: CeremonyKind, from: Date, to: Date): Promise<void> {
    const order = (await this.orders.covering(divisionCode, kind)).find((o) => suspends(o, divisionCode, kind, from, to));
    if (order) throw suspendedError(order, kind);
  }
}
