import { Injectable } from '@nestjs/common';
import { Clock, DomainError, maskName, maskPhone } from '@civil/kernel';
import { assertFoundWithin, FieldCipher, InjectClock, Principal } from '@civil/platform';
import {
  CALL_STATUS_LABELS,
  CALL_URGENCY_LABELS,
  CLOSURE_REASON_LABELS,
  HOTLINE_LABELS,
  HotlineCall,
  HotlineCallChange,
  isOpen,
  isPastLevel,
  NEED_CATEGORY_LABELS,
  ProtectedCaller,
  ROUTE_TARGET_LABELS,
} from '../domain/hotline-call';
import { HotlineCallRepository } from '../infrastructure/hotline-call.repository';

export function callNotFound(callId: string): DomainError {
  return DomainError.notFound('CallNotFound', `no hotline call ${callId}`, { callId });
}

/**
 * What the hotline's use cases share: a call within the caller's reach (404 otherwise, saying
 * nothing of where it is), changed through its store, shown with labels and the caller masked.
 */
@Injectable()
export class HotlineCalls {
  constructor(
    private readonly calls: HotlineCallRepository,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async load(callId: string, by: Principal): Promise<HotlineCall> {
    const found = await this.calls.get(callId);
    if (!found) throw callNotFound(callId);
    assertFoundWithin(by, () => callNotFound(callId), found.value.lineDivisionCode);
    return found.value;
  }

  /** Changes a call within the caller's reach, deciding again if it changed meanwhile. */
  async change(
    callId: string,
    by: Principal,
    decide: (call: HotlineCall, now: Date) => { call: HotlineCall; changes: HotlineCallChange[] },
  ): Promise<HotlineCall> {
    await this.load(callId, by);
    const { state } = await this.calls.store.change(
      callId,
      (current) => {
        const { call, changes } = decide(current, this.clock.now());
        return { next: call, changes };
      },
      () => callNotFound(callId),
    );
    return state;
  }

  protect(caller: { name?: string; phone?: string } | undefined): ProtectedCaller | null {
    if (!caller || (!caller.name && !caller.phone)) return null;
    return {
      nameEnc: caller.name ? this.cipher.encrypt(caller.name) : null,
      nameMasked: caller.name ? maskName(caller.name) : null,
      phoneEnc: caller.phone ? this.cipher.encrypt(caller.phone) : null,
      phoneMasked: caller.phone ? maskPhone(caller.phone) : null,
    };
  }

  view(call: HotlineCall) {
    const now = this.clock.now();
    const { divisionAncestors: _a, caller, ...rest } = call;
    return {
      ...rest,
      lineLabel: HOTLINE_LABELS[call.line],
      categoryLabel: NEED_CATEGORY_LABELS[call.category],
      urgencyLabel: CALL_URGENCY_LABELS[call.urgency],
      statusLabel: CALL_STATUS_LABELS[call.status],
      route: call.route ? { ...call.route, targetLabel: ROUTE_TARGET_LABELS[call.route.target] } : null,
      closureReasonLabel: call.closureReason ? CLOSURE_REASON_LABELS[call.closureReason] : null,
      caller: caller ? { name: caller.nameMasked, phone: caller.phoneMasked } : null,
      overdue: !!call.overdueAt || (isOpen(call) && isPastLevel(call, now)),
    };
  }
}
