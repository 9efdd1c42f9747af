import { Injectable } from '@nestjs/common';
import { Clock, divisionAncestors, DomainError } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { CallUrgency, Hotline, HotlineCall, NeedCategory, receiveCall } from '../domain/hotline-call';
import { HotlineCallRepository } from '../infrastructure/hotline-call.repository';
import { HotlineCalls } from './hotline-calls';
import { ServiceLevels } from './service-levels';

export interface RecordCallInput {
  line: Hotline;
  lineDivisionCode: string;
  callerDivisionCode: string;
  category: NeedCategory;
  urgency: CallUrgency;
  receivedAt?: Date;
  summary?: string;
  caller?: { name?: string; phone?: string };
}

/** How far back a call may be entered after it was taken. */
const MAX_BACKDATE_MS = 7 * 86_400_000;

/** 受理: a call taken by an operator of the line's division; due an answer within the line's service level. */
@Injectable()
export class RecordCall {
  constructor(
    private readonly repository: HotlineCallRepository,
    private readonly calls: HotlineCalls,
    private readonly levels: ServiceLevels,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: RecordCallInput, by: Principal): Promise<HotlineCall> {
    assertCovers(by, input.lineDivisionCode);
    const now = this.clock.now();
    const receivedAt = input.receivedAt ?? now;
    if (receivedAt.getTime() > now.getTime())
      throw DomainError.invalid('ReceivedInFuture', 'receivedAt cannot be in the future', { field: 'receivedAt' });
    if (now.getTime() - receivedAt.getTime() > MAX_BACKDATE_MS)
      throw DomainError.invalid('ReceivedTooLongAgo', 'receivedAt can be at most 7 days ago', { field: 'receivedAt' });
    const call = receiveCall({
      callId: `call-${input.lineDivisionCode}-${randomUUID()}`,
      line: input.line,
      lineDivisionCode: input.lineDivisionCode,
      divisionAncestors: divisionAncestors(input.lineDivisionCode),
      callerDivisionCode: input.callerDivisionCode,
      category: input.category,
      urgency: input.urgency,
      summary: input.summary?.trim() || null,
      caller: this.calls.protect(input.caller),
      receivedAt,
      recordedBy: by.sub,
      serviceLevelMinutes: await this.levels.minutes(input.line, input.urgency, input.lineDivisionCode, receivedAt),
    });
    if (!(await this.repository.store.create(call, []))) throw new Error('call id collision');
    return call;
  }
}
