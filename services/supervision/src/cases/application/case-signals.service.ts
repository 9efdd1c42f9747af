import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors } from '@civil/kernel';
import { Causation, EventEnvelope, eventKey } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { EscalationLadderRepository } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { clearItem, openCase, recordOccurrence } from '../domain/supervision-case';
import { CaseRepository, LoadedCase } from '../infrastructure/case.repository';
import { CaseSubjectRepository } from '../infrastructure/case-subject.repository';

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

/**
 * Applies upstream signals to cases. Events of one subject mostly arrive in order (each upstream
 * topic is keyed by the subject or its unit); where they may not (sweeps on two replicas), the
 * subject is claimed before a case opens, so one subject never has two open cases. A redelivered event changes nothing:
 * its key is remembered per subject, the case it opens has an id derived from it, and an item
 * already counted is not counted again.
 */
@Injectable()
export class CaseSignalsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly subjects: CaseSubjectRepository,
    private readonly ladders: EscalationLadderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async open(event: SignalSource, signal: OpeningSignal): Promise<void> {
    const key = eventKey(event);
    const caseId = deterministicId('case', key);
    for (let attempt = 0; attempt < 5; attempt++) {
      const subject = await this.subjects.get(signal.caseType, signal.subjectId);
      if (subject.appliedEvents.includes(key)) return;
      const pointed = subject.openCaseId ? await this.cases.get(subject.openCaseId) : undefined;
      const now = this.clock.now();
      if (pointed?.value.status === 'open') {
        const next = structuredClone(pointed.value);
        const change = recordOccurrence(next, signal.item, event.id, now, signal.note, event.type);
        if (
          change.kind !== 'none' &&
          !(await this.cases.store.saveIf(pointed, { next, changes: [{ ...change, at: now, causation: causedBy(event) }] }))
        )
          continue; // an escalation moved it meanwhile; read again
        await this.subjects.record(signal.caseType, signal.subjectId, key, pointed.value.caseId);
        return;
      }
      if (subject.openCaseId && !pointed && subject.openCaseId !== caseId) {
        // another signal claimed the subject and is opening its case: give it a moment, then count on it
        await new Promise((r) => setTimeout(r, 25 * (attempt + 1)));
        continue;
      }
      // claim the subject first (a resolved case's pointer is replaced), then open the case
      if (
        subject.openCaseId !== caseId &&
        !(await this.subjects.claim(signal.caseType, signal.subjectId, caseId, pointed ? subject.openCaseId : undefined))
      )
        continue;
      const c = openCase(
        {
          caseId,
          caseType: signal.caseType,
          subjectId: signal.subjectId,
          unitId: signal.unitId,
          divisionCode: signal.divisionCode,
          divisionAncestors: divisionAncestors(signal.divisionCode),
          item: signal.item,
          eventId: event.id,
          eventType: event.type,
          note: signal.note,
          urgent: signal.urgent,
        },
        await this.ladders.get(signal.caseType, signal.divisionCode),
        now,
      );
      // false: this event opened it before a crash; recording it applied is what was left to do
      await this.cases.store.create(c, [{ kind: 'opened', at: now, causation: causedBy(event) }]);
      await this.subjects.record(signal.caseType, signal.subjectId, key, c.caseId);
      return;
    }
    throw Object.assign(new Error(`${signal.caseType} case of ${signal.subjectId} kept changing; will retry`), { transient: true });
  }

  async clear(event: SignalSource, signal: ClearingSignal): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { openCaseId } = await this.subjects.get(signal.caseType, signal.subjectId);
      const open = await this.openCase(openCaseId);
      if (!open) return; // nothing open: the signal came in time, or was applied already
      const now = this.clock.now();
      const next = structuredClone(open.value);
      const change = clearItem(next, signal.item, event.id, now, {
        resolution: signal.resolution,
        note: signal.note,
        eventType: event.type,
      });
      if (change.kind === 'none') return;
      if (!(await this.cases.store.saveIf(open, { next, changes: [{ ...change, at: now, causation: causedBy(event) }] }))) continue;
      await this.subjects.record(signal.caseType, signal.subjectId, eventKey(event), change.kind === 'resolved' ? null : open.value.caseId);
      return;
    }
    throw Object.assign(new Error(`${signal.caseType} case of ${signal.subjectId} kept changing; will retry`), { transient: true });
  }

  private async openCase(caseId: string | undefined): Promise<LoadedCase | undefined> {
    const loaded = caseId ? await this.cases.get(caseId) : undefined;
    return loaded?.value.status === 'open' ? loaded : undefined;
  }
}
