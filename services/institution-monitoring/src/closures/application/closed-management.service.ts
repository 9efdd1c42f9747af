import { Injectable } from '@nestjs/common';
import { InstitutionClosedV1, InstitutionReopenedV1, UnitType } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, DomainError } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { unitNotFound } from '../../registry/application/unit-directory';
import { closeUnit, reopenUnit } from '../../registry/domain/closed-management';
import { Institution } from '../../registry/domain/institution';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';
import { ClosureOrder, ClosureOrderRepository } from '../infrastructure/closure-order.repository';

const CAS_ATTEMPTS = 5;

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
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async close(unitId: string, order: { orderId: string; reason: string }, by: Principal): Promise<Institution> {
    return this.apply(unitId, by, (unit, now) => {
      const next = closeUnit(unit, { ...order, regionOrderId: null }, by.sub, now);
      return {
        next,
        event: this.closedEvent(next, now),
        audit: { orderId: order.orderId, after: { status: 'closed', reason: order.reason } },
      };
    });
  }

  async reopen(unitId: string, reopenOrderId: string, by: Principal): Promise<Institution> {
    return this.apply(unitId, by, (unit, now) => {
      const { unit: next, closedDays } = reopenUnit(unit, reopenOrderId, by.sub, now);
      return { next, event: this.reopenedEvent(next, closedDays, now), audit: { orderId: reopenOrderId, after: { status: 'reopened' } } };
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
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.institutions.getVersioned(unitId);
      if (!current) return 'already-closed';
      const unit = current.value;
      if (unit.status === 'closed') return unit.closure?.orderId === order.orderId ? 'closed' : 'already-closed';
      const now = this.clock.now();
      const next = closeUnit(unit, { orderId: order.orderId, reason: order.reason, regionOrderId: order.orderId }, by.sub, now);
      const event = this.closedEvent(next, now, deterministicId(InstitutionClosedV1.type, order.orderId, unitId, String(current.version)));
      if (
        await this.institutions.save(current, next, [event], {
          at: now,
          by: by.sub,
          action: 'closed',
          orderId: order.orderId,
          before: { status: unit.status },
          after: { status: 'closed' },
        })
      ) {
        this.relay.notifyWritten(InstitutionRepository.COLLECTION, [{ docId: unitId, entries: [event] }]);
        return 'closed';
      }
    }
    throw DomainError.conflict(
      'ConcurrentUpdate',
      `unit ${unitId} kept changing while the order was applied; send the order again to finish it`,
    );
  }

  private async apply(
    unitId: string,
    by: Principal,
    transition: (
      unit: Institution,
      now: Date,
    ) => {
      next: Institution;
      event: ReturnType<ClosedManagementService['closedEvent']>;
      audit: { orderId: string; after: Record<string, unknown> };
    },
  ): Promise<Institution> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.institutions.getVersioned(unitId);
      if (!current) throw unitNotFound(unitId);
      assertFoundWithin(by, () => unitNotFound(unitId), current.value.divisionCode, unitId);
      const now = this.clock.now();
      const { next, event, audit } = transition(current.value, now);
      const action = next.status === 'closed' ? 'closed' : 'reopened';
      if (
        await this.institutions.save(current, next, [event], {
          at: now,
          by: by.sub,
          action,
          orderId: audit.orderId,
          before: { status: current.value.status },
          after: audit.after,
        })
      ) {
        this.relay.notifyWritten(InstitutionRepository.COLLECTION, [{ docId: unitId, entries: [event] }]);
        return next;
      }
    }
    throw DomainError.conflict('ConcurrentUpdate', `unit ${unitId} kept changing; try again`);
  }

  private closedEvent(unit: Institution, now: Date, id?: string) {
    const c = unit.closure!;
    return outboxEntry(
      InstitutionClosedV1,
      {
        unitId: unit.unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        orderId: c.orderId,
        reason: c.reason,
        regionOrderId: c.regionOrderId,
        closedAt: now.toISOString(),
      },
      { time: now, id },
    );
  }

  private reopenedEvent(unit: Institution, closedDays: number, now: Date) {
    const c = unit.closure!;
    return outboxEntry(
      InstitutionReopenedV1,
      {
        unitId: unit.unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        closedByOrderId: c.orderId,
        reopenOrderId: c.reopenOrderId!,
        reopenedAt: now.toISOString(),
        closedDays,
      },
      { time: now },
    );
  }
}
