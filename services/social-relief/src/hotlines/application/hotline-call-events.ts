import { HotlineCallOverdueClearedV1, HotlineCallOverdueV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { HotlineCall, HotlineCallChange } from '../domain/hotline-call';

/** A call's events carry its reference, line, divisions, category and urgency: never the caller or what was said. */
function refOf(call: HotlineCall) {
  return {
    callRef: call.callId,
    line: call.line,
    lineDivisionCode: call.lineDivisionCode,
    callerDivisionCode: call.callerDivisionCode,
    category: call.category,
    urgency: call.urgency,
  };
}

/** The hotline's integration events, one per change, each with an id derived from the call (one episode per call). */
export const hotlineCallEvents: EventMapper<HotlineCall, HotlineCallChange> = (changes, call) =>
  changes.map((c) => {
    switch (c.type) {
      case 'overdue':
        return outboxEntry(
          HotlineCallOverdueV1,
          {
            ...refOf(call),
            receivedAt: call.receivedAt.toISOString(),
            serviceLevelMinutes: call.serviceLevelMinutes,
            dueAt: call.dueAt.toISOString(),
            detectedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId(HotlineCallOverdueV1.type, call.callId) },
        );
      case 'overdue-cleared':
        return outboxEntry(
          HotlineCallOverdueClearedV1,
          { ...refOf(call), outcome: c.outcome, clearedAt: c.at.toISOString() },
          { time: c.at, id: deterministicId(HotlineCallOverdueClearedV1.type, call.callId) },
        );
    }
  });
