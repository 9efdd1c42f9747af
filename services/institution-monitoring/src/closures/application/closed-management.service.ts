import { Injectable } from '@nestjs/common';
import { InstitutionClosedV1, UnitType } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { unitNotFound } from '../../registry/application/unit-directory';
import { closeUnit, reopenUnit } from '../../registry/domain/closed-management';
import { Institution } from '../../registry/domain/institution';
import { InstitutionChange } from '../../registry/application/institution-events';
import { AuditEntry, InstitutionRepository, presented } from '../../registry/infrastructure/institution.repository';
import { ClosureOrder, ClosureOrderRepository } from '../infrastructure/closure-order.repository';

const orderNotFound = (orderId: string) => DomainError.notFound('OrderNotFound', `no closure order ${orderId}`, { orderId });

export interface RegionOrderResult {
  order: ClosureOrder;
  closed: string[];
  alreadyClosed: string[];
}

/** Closed management (封闭管理) of one unit, or of every unit of some types in a region. */
@Injectable()
export class ClosedManagementService {
  constructor(
    private readonly institutions: InstitutionRepository,
    private readonly orders: ClosureOrderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async close(unitId: string, order: { orderId: string; reason: string }, by: Principal): Promise<Institution> {
    return this.apply(unitId, by, (unit, now) => {
      const next = closeUnit(unit, { ...order, regionOrderId: null }, by.sub, now);
      return {
        next,
        change: { type: 'closed', at: now },
        audit: { orderId: order.orderId, after: { status: 'closed', reason: order.reason } },
      };
    });
  }

  async reopen(unitId: string, reopenOrderId: string, by: Principal): Promise<Institution> {
    return this.apply(unitId, by, (unit, now) => {
      const { unit: next, closedDays } = reopenUnit(unit, reopenOrderId, by.sub, now);
      return { next, change: { type: 'reopened', at: now, closedDays }, audit: { orderId: reopenOrderId, after: { status: 'reopened' } } };
    });
  }

  /**
   * Closes every active unit of the named types inside the division. Re-sending the same order
   * (after a timeout, or a crash half-way) finishes it without closing anything twice: each unit's
   * event id derives from order and unit.
   */
  async issueRegionOrder(
    input: { orderId: string; divisionCode: string; unitTypes: UnitType[]; reason: string },
    by: Principal,
  ): Promise<RegionOrderResult> {
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    const order: ClosureOrder = {
      ...input,
      unitTypes: [...new Set(input.unitTypes)].sort(),
      divisionAncestors: divisionAncestors(input.divisionCode),
      issuedBy: by.sub,
      issuedAt: now,
      status: 'in-force',
      closedUnitIds: [],
      alreadyClosedUnitIds: [],
    };
    if (!(await this.orders.insert(order))) {
      const existing = (await this.orders.get(input.orderId))!;
      if (
        existing.divisionCode !== order.divisionCode ||
        existing.unitTypes.join() !== order.unitTypes.join() ||
        existing.status !== 'in-force'
      ) {
        throw DomainError.conflict('OrderIdTaken', `closure order ${input.orderId} already exists with other terms or has been lifted`, {
          orderId: input.orderId,
        });
      }
      Object.assign(order, { issuedAt: existing.issuedAt, issuedBy: existing.issuedBy, reason: existing.reason });
    }
    const closed: string[] = [];
    const alreadyClosed: string[] = [];
    for (const unit of await this.institutions.inRegion(order.divisionCode, order.unitTypes)) {
      const outcome = await this.closeForOrder(unit.unitId, order, by);
      (outcome === 'closed' ? closed : alreadyClosed).push(unit.unitId);
    }
    const byThisOrder = closed;
    await this.orders.recordApplied(
      order.orderId,
      byThisOrder,
      alreadyClosed.filter((u) => !byThisOrder.includes(u)),
    );
    return { order: { ...order, closedUnitIds: byThisOrder, alreadyClosedUnitIds: alreadyClosed }, closed, alreadyClosed };
  }

  /** Reopens every unit the region order closed and still closed by it. */
  async liftRegionOrder(orderId: string, reopenOrderId: string, by: Principal): Promise<{ reopened: string[] }> {
    const order = await this.orders.get(orderId);
    if (!order) throw orderNotFound(orderId);
    assertFoundWithin(by, () => orderNotFound(orderId), order.divisionCode);
    if (order.status === 'lifted') throw DomainError.conflict('OrderLifted', `closure order ${orderId} was lifted already`);
    const reopened: string[] = [];
    for (const unitId of order.closedUnitIds) {
      const unit = await this.institutions.get(unitId);
      if (unit?.status !== 'closed' || unit.closure?.orderId !== orderId) continue; // reopened on its own since
      await this.reopen(unitId, reopenOrderId, by);
      reopened.push(unitId);
    }
    await this.orders.markLifted(orderId, by.sub, this.clock.now());
    return { reopened };
  }

  async orderFor(orderId: string, by: Principal): Promise<ClosureOrder> {
    const order = await this.orders.get(orderId);
    if (!order) throw orderNotFound(orderId);
    assertFoundWithin(by, () => orderNotFound(orderId), order.divisionCode);
    return order;
  }

  async listOrders(by: Principal): Promise<ClosureOrder[]> {
    return this.orders.list(by.jurisdiction);
  }

  /** 'closed' when this order closed the unit (now or on an earlier attempt), else 'already-closed'. */
  private async closeForOrder(unitId: string, order: ClosureOrder, by: Principal): Promise<'closed' | 'already-closed'> {
    let outcome: 'closed' | 'already-closed' = 'already-closed';
    await this.institutions.store.change(
      unitId,
      (unit, version) => {
        if (unit.status === 'closed') {
          outcome = unit.closure?.orderId === order.orderId ? 'closed' : 'already-closed';
          return undefined;
        }
        outcome = 'closed';
        const now = this.clock.now();
        const next = closeUnit(unit, { orderId: order.orderId, reason: order.reason, regionOrderId: order.orderId }, by.sub, now);
        const audit: AuditEntry = {
          at: now,
          by: by.sub,
          action: 'closed',
          orderId: order.orderId,
          before: { status: unit.status },
          after: { status: 'closed' },
        };
        const eventId = deterministicId(InstitutionClosedV1.type, order.orderId, unitId, String(version));
        return { next, changes: [{ type: 'closed', at: now, eventId }], push: { audit } };
      },
      () => unitNotFound(unitId),
    );
    return outcome;
  }

  /** Closes or reopens one unit, audited. */
  private async apply(
    unitId: string,
    by: Principal,
    transition: (
      unit: Institution,
      now: Date,
    ) => { next: Institution; change: InstitutionChange; audit: { orderId: string; after: Record<string, unknown> } },
  ): Promise<Institution> {
    const { state } = await this.institutions.store.change(
      unitId,
      (unit) => {
        assertFoundWithin(by, () => unitNotFound(unitId), unit.divisionCode, unitId);
        const now = this.clock.now();
        const { next, change, audit } = transition(unit, now);
        const entry: AuditEntry = {
          at: now,
          by: by.sub,
          action: next.status === 'closed' ? 'closed' : 'reopened',
          orderId: audit.orderId,
          before: { status: unit.status },
          after: audit.after,
        };
        return { next, changes: [change], push: { audit: entry } };
      },
      () => unitNotFound(unitId),
    );
    return presented(state);
  }
}
