import { DomainError } from '@civil/kernel';
import { CallFigures } from './call-figures';
import {
  answerCall,
  answeredWithinLevel,
  closeCall,
  HotlineCall,
  markOverdue,
  NewCall,
  receiveCall,
  routeCall,
  serviceLevelKey,
} from './hotline-call';

const received = new Date('2026-03-02T02:00:00Z'); // 10:00 Beijing
const base: NewCall = {
  callId: 'call-1',
  line: 'social-relief',
  lineDivisionCode: '330521',
  divisionAncestors: ['33', '3305', '330521'],
  callerDivisionCode: '330521101',
  category: 'basic-living',
  urgency: 'urgent',
  summary: '家中断粮',
  caller: null,
  receivedAt: received,
  recordedBy: 'op-1',
  serviceLevelMinutes: 120,
};
const at = (iso: string) => new Date(iso);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
};

describe('hotline call', () => {
  it('is due an answer at receipt plus the service level', () => {
    const call = receiveCall(base);
    expect(call).toMatchObject({ status: 'received', route: null, dueAt: at('2026-03-02T04:00:00Z'), overdueAt: null });
  });

  it('refuses a caller outside the line’s division', () => {
    expect(code(() => receiveCall({ ...base, callerDivisionCode: '330522101' }))).toBe('CallerOutsideLine');
  });

  it('routes once, stays open until answered, and refuses a second routing', () => {
    const routed = routeCall(receiveCall(base), {
      target: 'referral',
      agency: '县医保局',
      note: '医保报销',
      routedAt: received,
      routedBy: 'op-1',
    });
    expect(routed.status).toBe('routed');
    expect(code(() => routeCall(routed, { target: 'relief-application', applicationId: 'a', routedAt: received, routedBy: 'op-1' }))).toBe(
      'CallRoutedAlready',
    );
    const { call, changes } = answerCall(routed, '已转医保局，来电人知悉', 'op-1', at('2026-03-02T03:00:00Z'));
    expect(call).toMatchObject({ status: 'answered', reply: '已转医保局，来电人知悉' });
    expect(changes).toEqual([]);
    expect(answeredWithinLevel(call)).toBe(true);
    expect(code(() => answerCall(call, 'again', 'op-1', received))).toBe('CallEnded');
    expect(code(() => closeCall(call, 'duplicate', received))).toBe('CallEnded');
  });

  it('is within the level when answered at the due instant, not overdue then, and overdue once a moment after', () => {
    const call = receiveCall(base);
    expect(answeredWithinLevel(answerCall(call, '已答复', 'op', at('2026-03-02T04:00:00Z')).call)).toBe(true);
    expect(markOverdue(call, at('2026-03-02T04:00:00Z'))).toBeUndefined();
    const marked = markOverdue(call, at('2026-03-02T04:00:01Z'))!;
    expect(marked.changes).toEqual([{ type: 'overdue', at: at('2026-03-02T04:00:01Z') }]);
    expect(markOverdue(marked.call, at('2026-03-02T09:00:00Z'))).toBeUndefined();
  });

  it('clears the overdue episode once, by the answer or the closure', () => {
    const overdue = markOverdue(receiveCall(base), at('2026-03-02T05:00:00Z'))!.call;
    const answered = answerCall(overdue, '已送达救助物资', 'op', at('2026-03-02T06:00:00Z'));
    expect(answered.changes).toEqual([{ type: 'overdue-cleared', outcome: 'answered', at: at('2026-03-02T06:00:00Z') }]);
    expect(answeredWithinLevel(answered.call)).toBe(false);
    const closed = closeCall(overdue, 'caller-unreachable', at('2026-03-02T06:00:00Z'));
    expect(closed.changes).toEqual([{ type: 'overdue-cleared', outcome: 'closed', at: at('2026-03-02T06:00:00Z') }]);
    expect(markOverdue(closed.call, at('2026-03-03T00:00:00Z'))).toBeUndefined();
    expect(closeCall(receiveCall(base), 'duplicate', received).changes).toEqual([]);
  });

  it('requires a reply', () => {
    expect(code(() => answerCall(receiveCall(base), '  ', 'op', received))).toBe('ReplyRequired');
  });

  it('names the setting of each line and urgency', () => {
    expect(serviceLevelKey('psychological-aid', 'crisis')).toBe('hotline-answer-minutes-psychological-aid-crisis');
  });
});

describe('call figures', () => {
  const now = at('2026-03-03T12:00:00Z');
  const make = (over: Partial<HotlineCall>): HotlineCall => ({ ...receiveCall(base), ...over });

  it('counts per line per Beijing day: received, categories, within level, overdue, where routed', () => {
    const f = new CallFigures(now);
    const route = { target: 'key-person-visit' as const, townshipCode: '330521101', entryId: 'e', routedAt: received, routedBy: 'op' };
    f.add(make({ status: 'answered', answeredAt: at('2026-03-02T03:00:00Z') }));
    f.add(make({ status: 'answered', answeredAt: at('2026-03-02T05:00:00Z'), route, overdueAt: at('2026-03-02T04:01:00Z') }));
    f.add(make({ status: 'routed', route, category: 'elderly-care' }));
    f.add(make({ status: 'closed', closedAt: at('2026-03-02T03:00:00Z') }));
    // received 00:30 Beijing on 3 March, still open within its level
    f.add(
      make({ line: 'psychological-aid', urgency: 'crisis', receivedAt: at('2026-03-02T16:30:00Z'), dueAt: at('2026-03-03T16:30:00Z') }),
    );
    expect(f.result()).toEqual([
      {
        line: 'social-relief',
        date: '2026-03-02',
        received: 4,
        byCategory: { 'basic-living': 3, 'elderly-care': 1 },
        byUrgency: { urgent: 4 },
        answeredWithinLevel: 1,
        answeredLate: 1,
        overdue: 2,
        routed: { 'key-person-visit': 2, 'relief-application': 0, referral: 0 },
        answeredDirectly: 1,
        closedUnanswered: 1,
        stillOpen: 1,
      },
      expect.objectContaining({ line: 'psychological-aid', date: '2026-03-03', received: 1, overdue: 0, stillOpen: 1 }),
    ]);
  });
});
