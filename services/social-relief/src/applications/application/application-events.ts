import {
  ApplicationAcceptedV1,
  ApplicationDecidedV1,
  ApplicationDisbursedV1,
  ApplicationOverdueV1,
  ApplicationRef,
  ApplicationReviewedV1,
  ApplicationSubmittedV1,
  ApplicationTransition,
  ApplicationWithdrawnV1,
} from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry, OutboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Application, Change, TransitionFacts } from '../domain/application';

/** What happened to an application in one write: the domain's transitions (and overdue steps). */
export type ApplicationChange = Change;

/** What every event says of the application: opaque references only, never a name or ID number. */
export function refOf(a: Application): ApplicationRef {
  return {
    applicationId: a.applicationId,
    kind: a.kind,
    divisionCode: a.divisionCode,
    householdRef: a.householdId,
    applicantRef: a.applicantId,
    priorRelief: a.priorRelief,
    caseByCase: a.caseByCase,
    simplifiedReview: a.simplifiedReview,
  };
}

function transition(a: Application, f: TransitionFacts): ApplicationTransition {
  return {
    ...refOf(a),
    from: f.from,
    to: f.to,
    at: f.at.toISOString(),
    nextStep: f.nextStep,
    nextDueAt: f.nextDueAt?.toISOString() ?? null,
  };
}

/**
 * One event per transition, with an id derived from the application and the transition (each
 * happens once per application), so a retried write never publishes two different events.
 */
export const applicationEvents: EventMapper<Application, ApplicationChange> = (changes, a) => {
  const out: OutboxEntry[] = [];
  for (const c of changes) {
    const id = (type: string, ...parts: string[]) => ({
      id: deterministicId(type, a.applicationId, ...parts),
      time: 'at' in c ? c.at : c.detectedAt,
      correlationId: a.applicationId,
    });
    switch (c.type) {
      case 'submitted':
        out.push(outboxEntry(ApplicationSubmittedV1, transition(a, c), id(ApplicationSubmittedV1.type)));
        break;
      case 'prior-relief-paid':
        out.push(
          outboxEntry(
            ApplicationDisbursedV1,
            { ...transition(a, c), amountFen: c.amountFen },
            id(ApplicationDisbursedV1.type, 'prior-relief'),
          ),
        );
        break;
      case 'accepted':
        out.push(outboxEntry(ApplicationAcceptedV1, transition(a, c), id(ApplicationAcceptedV1.type)));
        break;
      case 'reviewed':
        out.push(outboxEntry(ApplicationReviewedV1, { ...transition(a, c), outcome: c.outcome }, id(ApplicationReviewedV1.type)));
        break;
      case 'decided':
        out.push(
          outboxEntry(
            ApplicationDecidedV1,
            {
              ...transition(a, c),
              decision: c.decision,
              decidedAtLevel: c.level,
              amountFen: c.amountFen,
              priorReliefRejected: c.priorReliefRejected,
            },
            id(ApplicationDecidedV1.type),
          ),
        );
        break;
      case 'disbursed':
        out.push(outboxEntry(ApplicationDisbursedV1, { ...transition(a, c), amountFen: c.amountFen }, id(ApplicationDisbursedV1.type)));
        break;
      case 'overdue':
        out.push(
          outboxEntry(
            ApplicationOverdueV1,
            { ...refOf(a), step: c.step, status: c.status, dueAt: c.dueAt.toISOString(), detectedAt: c.detectedAt.toISOString() },
            id(ApplicationOverdueV1.type, c.step),
          ),
        );
        break;
      case 'withdrawn':
        out.push(
          outboxEntry(
            ApplicationWithdrawnV1,
            { ...transition(a, c), reason: a.withdrawal!.reason, priorReliefToFollowUp: a.followUp?.reason === 'prior-relief-withdrawn' },
            id(ApplicationWithdrawnV1.type),
          ),
        );
        break;
    }
  }
  return out;
};
