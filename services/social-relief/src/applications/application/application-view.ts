import { APPLICATION_KIND_LABELS, APPLICATION_STATUS_LABELS, APPLICATION_STEP_LABELS } from '@civil/contracts';
import type { Person } from '../../people/domain/person';
import { Application, isOverdue } from '../domain/application';
import {
  APPLICATION_FLAG_LABELS,
  ApplicationFlag,
  DECISION_LABELS,
  DECISION_LEVEL_LABELS,
  EXPEDITED_REASON_LABELS,
  FOLLOW_UP_REASON_LABELS,
  FOLLOW_UP_RESOLUTION_LABELS,
  INELIGIBLE_REASON_LABELS,
  REVIEW_CHECK_LABELS,
  REVIEW_OUTCOME_LABELS,
  SUPPORT_MODE_LABELS,
  WITHDRAWAL_REASON_LABELS,
} from '../domain/application-labels';

/** What screens show of an application, with zh-CN labels; the applicant only masked. */
export function applicationView(a: Application, now: Date, applicant?: Person) {
  const overdue = isOverdue(a, now);
  const flags: ApplicationFlag[] = [
    ...(a.priorRelief ? (['priorRelief'] as const) : []),
    ...(a.caseByCase ? (['caseByCase'] as const) : []),
    ...(a.simplifiedReview ? (['simplifiedReview'] as const) : []),
    ...(a.expedited ? (['expedited'] as const) : []),
    ...(a.decision?.priorReliefRejected ? (['priorReliefRejected'] as const) : []),
    ...(overdue ? (['overdue'] as const) : []),
  ];
  return {
    applicationId: a.applicationId,
    kind: a.kind,
    kindLabel: APPLICATION_KIND_LABELS[a.kind],
    divisionCode: a.divisionCode,
    householdId: a.householdId,
    applicantId: a.applicantId,
    applicant: applicant ? { personId: applicant.personId, name: applicant.nameMasked, idNumber: applicant.idNumberMasked } : undefined,
    persons: a.persons,
    status: a.status,
    statusLabel: APPLICATION_STATUS_LABELS[a.status],
    step: a.step,
    stepLabel: a.step ? APPLICATION_STEP_LABELS[a.step] : null,
    stepEnteredAt: a.stepEnteredAt,
    stepDueAt: a.stepDueAt,
    overdue,
    overdueSteps: a.overdueSteps,
    overdueStepLabels: a.overdueSteps.map((s) => APPLICATION_STEP_LABELS[s]),
    priorRelief: a.priorRelief,
    caseByCase: a.caseByCase,
    simplifiedReview: a.simplifiedReview,
    expedited: a.expedited,
    expeditedReason: a.expeditedReason,
    expeditedReasonLabel: a.expeditedReason ? EXPEDITED_REASON_LABELS[a.expeditedReason] : null,
    flags,
    flagLabels: flags.map((f) => APPLICATION_FLAG_LABELS[f]),
    requestedAmountFen: a.requestedAmountFen,
    priorPayment: a.priorPayment,
    submittedBy: a.submittedBy,
    submittedAt: a.submittedAt,
    acceptedBy: a.acceptedBy,
    acceptedAt: a.acceptedAt,
    review: a.review && {
      ...a.review,
      outcomeLabel: REVIEW_OUTCOME_LABELS[a.review.outcome],
      checksDoneLabels: a.review.checksDone.map((c) => REVIEW_CHECK_LABELS[c]),
      checksWaivedLabels: a.review.checksWaived.map((c) => REVIEW_CHECK_LABELS[c]),
      reasonLabel: a.review.reason ? INELIGIBLE_REASON_LABELS[a.review.reason] : null,
    },
    decision: a.decision && {
      ...a.decision,
      decisionLabel: DECISION_LABELS[a.decision.decision],
      levelLabel: DECISION_LEVEL_LABELS[a.decision.level],
      reasonLabel: a.decision.reason ? INELIGIBLE_REASON_LABELS[a.decision.reason] : null,
      ...(a.decision.support ? { supportModeLabel: SUPPORT_MODE_LABELS[a.decision.support.mode] } : {}),
    },
    disbursement: a.disbursement,
    withdrawal: a.withdrawal && { ...a.withdrawal, reasonLabel: WITHDRAWAL_REASON_LABELS[a.withdrawal.reason] },
    followUp: a.followUp && {
      ...a.followUp,
      reasonLabel: FOLLOW_UP_REASON_LABELS[a.followUp.reason],
      resolutionLabel: a.followUp.resolution ? FOLLOW_UP_RESOLUTION_LABELS[a.followUp.resolution] : '待追回或核销',
    },
    enrolment: a.enrolment,
    history: a.history.map((h) => ({ ...h, toLabel: h.note === 'prior-relief-paid' ? '先行救助已发放' : APPLICATION_STATUS_LABELS[h.to] })),
  };
}
