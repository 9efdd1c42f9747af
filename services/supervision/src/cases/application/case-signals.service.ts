import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors } from '@civil/kernel';
import { Causation, EventEnvelope, eventKey } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { APPLIED_EVENTS_KEPT, ConcurrentChangeError } from '@civil/persistence';
import { EscalationLadderRepository, StoredLadder } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { clearItem, openCase, recordOccurrence } from '../domain/supervision-case';
import { CaseRecord, CaseRepository, subjectDocId } from '../infrastructure/case.repository';
import { CaseStep } from './case-integration-events.mapper';

/** The event behind a signal: its id for the evidence chain, its flow for the events it causes. */
export type SignalSource = Pick<EventEnvelope<unknown>, 'id' | 'source' | 'correlationId' | 'traceparent'> & { type?: string };

const causedBy = (e: SignalSource): Causation => ({ correlationId: e.correlationId, causationId: e.id, traceparent: e.traceparent });

/** A signal that opens a case, or counts on the subject's open one. */
export interface OpeningSignal {
  caseType: CaseType;
  subjectId: string;
  unitId: string | null;
  divisionCode: string;
  /** What stays outstanding until its clearing event (a day, an episode, a step). */
  item: string;
  note: string;
  urgent?: boolean;
}

/** A signal that clears an item on the subject's open case ('*': every item). */
export interface ClearingSignal {
  caseType: CaseType;
  subjectId: string;
  item: string;
  resolution: string;
  note: string;
}

/** A signal with the event that carried it. */
export type AppliedSignal = { event: SignalSource; open: OpeningSignal } | { event: SignalSource; clear: ClearingSignal };

/**
 * A batch whose subjects keep needing another round (a case set aside, then raced) is retried whole:
 * past this many rounds a ConcurrentChangeError, which a consumer retries.
 */
const MAX_ROUNDS = 8;

type Ladders = Map<string, StoredLadder>;
const ladderKey = (caseType: string, divisionCode: string) => `${caseType}@${divisionCode}`;

/**
 * Applies upstream signals to cases, many at once. Each case subject (a unit for one case type, an
 * application, a piece of equipment…) is one document holding its current case and the keys of the
 * signals applied lately, so a batch of signals is one bulk read and one bulk write of the subjects
 * it touches, whatever their number; the signals of one subject are applied in the order they came.
 *
 * A redelivered event changes nothing: its key is remembered on the subject in the same write as
 * its effect, the case it opens has an id derived from it, and an item already counted is not
 * counted again. When a subject's case is resolved and a new signal opens another, the resolved
 * one is first set aside as a document of its own (by case id), then replaced; a crash in between
 * leaves a copy that the next delivery writes again, unchanged.
 */
@Injectable()
export class CaseSignalsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly ladders: EscalationLadderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  open(event: SignalSource, signal: OpeningSignal): Promise<void> {
    return this.apply([{ event, open: signal }]);
  }

  clear(event: SignalSource, signal: ClearingSignal): Promise<void> {
    return this.apply([{ event, clear: signal }]);
  }

  /** Applies signals in order per subject: each round one bulk read and one bulk write. */
  async apply(signals: readonly AppliedSignal[]): Promise<void> {
    let pending = new Map<string, AppliedSignal[]>();
    for (const s of signals) {
      const { caseType, subjectId } = 'open' in s ? s.open : s.clear;
      const id = subjectDocId(caseType, subjectId);
      pending.set(id, [...(pending.get(id) ?? []), s]);
    }
    const ladders = await this.laddersOf(signals);
    for (let round = 0; pending.size; round++) {
      if (round >= MAX_ROUNDS) {
        const [first] = pending.keys();
        throw new ConcurrentChangeError(`cases of ${pending.size} subjects kept changing; will retry`, {
          id: first,
          subjects: pending.size,
        });
      }
      const now = this.clock.now();
      const setAside = await this.setAsideReplaced(pending);
      const used = new Map<string, number>();
      await this.cases.store.changeMany([...pending.keys()], (current, id) => {
        const folded = fold(id, current, pending.get(id)!, { ladders, setAside, now });
        used.set(id, folded.used);
        return folded.changed ? { next: folded.state!, changes: folded.steps } : undefined;
      });
      const rest = new Map<string, AppliedSignal[]>();
      for (const [id, list] of pending) if ((used.get(id) ?? list.length) < list.length) rest.set(id, list.slice(used.get(id)));
      pending = rest;
    }
  }

  /**
   * Subjects whose case is resolved and to which a signal opens a new one: the resolved case is
   * written as a document of its own first (by case id; written before, it is left as it is).
   */
  private async setAsideReplaced(pending: Map<string, AppliedSignal[]>): Promise<Set<string>> {
    const current = await this.cases.store.getMany([...pending.keys()]);
    const replaced = new Map<string, CaseRecord>();
    for (const [id, list] of pending) {
      const c = current.get(id)?.value;
      if (c?.status !== 'resolved') continue;
      const applied = new Set(c.appliedEvents ?? []);
      if (list.some((s) => 'open' in s && !applied.has(eventKey(s.event)))) replaced.set(c.caseId, c);
    }
    if (replaced.size === 0) return new Set();
    await this.cases.store.changeMany([...replaced.keys()], (existing, caseId) => {
      if (existing) return undefined;
      const { appliedEvents: _a, ...c } = replaced.get(caseId)!;
      return { next: { ...c, docId: caseId }, changes: [] };
    });
    return new Set(replaced.keys());
  }

  /** The ladders of every (case type, division) that the signals may open a case in. */
  private async laddersOf(signals: readonly AppliedSignal[]): Promise<Ladders> {
    const ladders: Ladders = new Map();
    for (const s of signals) {
      if (!('open' in s)) continue;
      const key = ladderKey(s.open.caseType, s.open.divisionCode);
      if (!ladders.has(key)) ladders.set(key, await this.ladders.get(s.open.caseType, s.open.divisionCode));
    }
    return ladders;
  }
}

/**
 * The subject's signals applied in turn to its current case (pure). Stops before a signal that
 * would open a second new case in one write, or replace a resolved case not yet set aside: those
 * go in the next round. `used`: how many of the signals this write accounts for.
 */
function fold(
  docId: string,
  current: CaseRecord | undefined,
  signals: readonly AppliedSignal[],
  ctx: { ladders: Ladders; setAside: ReadonlySet<string>; now: Date },
): { state?: CaseRecord; steps: CaseStep[]; used: number; changed: boolean } {
  let state = current ? structuredClone(current) : undefined;
  const applied = [...(state?.appliedEvents ?? [])];
  const steps: CaseStep[] = [];
  let used = 0;
  let opened = false;
  const { now } = ctx;
  for (const s of signals) {
    const key = eventKey(s.event);
    if (applied.includes(key)) {
      used++;
      continue;
    }
    const causation = causedBy(s.event);
    if ('open' in s) {
      const signal = s.open;
      if (state?.status === 'open') {
        const change = recordOccurrence(state, signal.item, s.event.id, now, signal.note, s.event.type);
        if (change.kind !== 'none') steps.push({ ...change, at: now, causation, state: structuredClone(state) });
      } else {
        // a new case: one per write, and a resolved one it replaces set aside first
        if (opened || (state && !ctx.setAside.has(state.caseId))) break;
        const c = openCase(
          {
            caseId: deterministicId('case', key),
            caseType: signal.caseType,
            subjectId: signal.subjectId,
            unitId: signal.unitId,
            divisionCode: signal.divisionCode,
            divisionAncestors: divisionAncestors(signal.divisionCode),
            item: signal.item,
            eventId: s.event.id,
            eventType: s.event.type,
            note: signal.note,
            urgent: signal.urgent,
          },
          ctx.ladders.get(ladderKey(signal.caseType, signal.divisionCode))!,
          now,
        );
        state = { ...c, docId };
        opened = true;
        steps.push({ kind: 'opened', at: now, causation, state: structuredClone(c) });
      }
    } else {
      const signal = s.clear;
      // nothing open: the signal came in time, or was applied already
      const change =
        state?.status === 'open'
          ? clearItem(state, signal.item, s.event.id, now, { resolution: signal.resolution, note: signal.note, eventType: s.event.type })
          : ({ kind: 'none' } as const);
      if (change.kind === 'none') {
        used++;
        continue;
      }
      steps.push({ ...change, at: now, causation, state: structuredClone(state!) });
    }
    applied.push(key);
    used++;
  }
  const changed = state !== undefined && applied.length !== (current?.appliedEvents ?? []).length;
  if (state) state.appliedEvents = applied.slice(-APPLIED_EVENTS_KEPT);
  return { state, steps, used, changed };
}
