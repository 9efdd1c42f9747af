import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { answerCall, HotlineCall } from '../domain/hotline-call';
import { HotlineCalls } from './hotline-calls';

/** 回应: the caller is told the outcome; ends the call (and its overdue episode, if it had one). */
@Injectable()
export class AnswerCall {
  constructor(private readonly calls: HotlineCalls) {}

  execute(callId: string, reply: string, by: Principal): Promise<HotlineCall> {
    return this.calls.change(callId, by, (call, now) => answerCall(call, reply, by.sub, now));
  }
}
