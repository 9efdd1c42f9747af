import { shanghaiDate } from '@civil/kernel';
import { answeredWithinLevel, CallUrgency, Hotline, HotlineCall, isOpen, isPastLevel, NeedCategory, RouteTarget } from './hotline-call';

/** What the figures read of a call (no caller data). */
export type FiguresRow = Pick<
  HotlineCall,
  'line' | 'category' | 'urgency' | 'receivedAt' | 'dueAt' | 'status' | 'route' | 'answeredAt' | 'closedAt' | 'overdueAt'
>;

/** One line's figures for one day (Beijing date of receipt). */
export interface LineDayFigures {
  line: Hotline;
  date: string;
  received: number;
  byCategory: Partial<Record<NeedCategory, number>>;
  byUrgency: Partial<Record<CallUrgency, number>>;
  /** Answered at or before the due time. */
  answeredWithinLevel: number;
  /** Answered after it. */
  answeredLate: number;
  /** Past the level unanswered at some point (found by the sweep, or still open past due now). */
  overdue: number;
  routed: Record<RouteTarget, number>;
  /** Answered without being handed on. */
  answeredDirectly: number;
  closedUnanswered: number;
  stillOpen: number;
}

/** Adds calls one at a time (memory per line and day, never per call). */
export class CallFigures {
  private readonly days = new Map<string, LineDayFigures>();

  constructor(private readonly now: Date) {}

  add(call: FiguresRow): void {
    const date = shanghaiDate(call.receivedAt);
    const key = `${date}|${call.line}`;
    let f = this.days.get(key);
    if (!f) {
      f = {
        line: call.line,
        date,
        received: 0,
        byCategory: {},
        byUrgency: {},
        answeredWithinLevel: 0,
        answeredLate: 0,
        overdue: 0,
        routed: { 'key-person-visit': 0, 'relief-application': 0, referral: 0 },
        answeredDirectly: 0,
        closedUnanswered: 0,
        stillOpen: 0,
      };
      this.days.set(key, f);
    }
    f.received++;
    f.byCategory[call.category] = (f.byCategory[call.category] ?? 0) + 1;
    f.byUrgency[call.urgency] = (f.byUrgency[call.urgency] ?? 0) + 1;
    if (call.answeredAt) {
      if (answeredWithinLevel(call)) f.answeredWithinLevel++;
      else f.answeredLate++;
    }
    const endedAt = call.answeredAt ?? call.closedAt;
    const late = endedAt ? endedAt.getTime() > call.dueAt.getTime() : isPastLevel(call, this.now);
    if (call.overdueAt || late) f.overdue++;
    if (call.route) f.routed[call.route.target]++;
    else if (call.status === 'answered') f.answeredDirectly++;
    if (call.status === 'closed') f.closedUnanswered++;
    if (isOpen(call)) f.stillOpen++;
  }

  /** By date, then line. */
  result(): LineDayFigures[] {
    return [...this.days.values()].sort((a, b) => (a.date === b.date ? a.line.localeCompare(b.line) : a.date.localeCompare(b.date)));
  }
}
