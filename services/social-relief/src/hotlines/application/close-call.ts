import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { ClosureReason, closeCall, HotlineCall } from '../domain/hotline-call';
import { HotlineCalls } from './hotline-calls';

/** Closes a call without an answer (unreachable, a duplicate, withdrawn); ends its overdue episode. */
@Injectable()
export class CloseCall {
  constructor(private readonly calls: HotlineCalls) {}

  execute(callId: string, reason: ClosureReason, by: Principal): Promise<HotlineCall> {
    return this.calls.change(callId, by, (call, now) => closeCall(call, reason, now));
  }
}
