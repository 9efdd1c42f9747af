import type { CaseLevel, CaseType } from '@civil/contracts';

/**
 * What supervision has said about a unit, as this service shows it on the unit: open
 * rectification issues ("under rectification", 整改中) and the escalations of cases about it.
 * Built from supervision's events; `appliedEvents` makes redelivery a no-op.
 */
export interface SupervisionView {
  openIssueIds: string[];
  underRectification: boolean;
  escalations: { caseId: string; caseType: CaseType; toLevel: CaseLevel; reason: string; escalatedAt: string }[];
  appliedEvents: string[];
}

const KEPT_ESCALATIONS = 20;
const KEPT_EVENTS = 200;

export function applied(view: SupervisionView, eventId: string): boolean {
  return view.appliedEvents.includes(eventId);
}

function remember(view: SupervisionView, eventId: string): string[] {
  return [...view.appliedEvents, eventId].slice(-KEPT_EVENTS);
}

export function issueOpened(view: SupervisionView, issueId: string, eventId: string): SupervisionView {
  const openIssueIds = view.openIssueIds.includes(issueId) ? view.openIssueIds : [...view.openIssueIds, issueId];
  return { ...view, openIssueIds, underRectification: openIssueIds.length > 0, appliedEvents: remember(view, eventId) };
}

export function issueSignedOff(view: SupervisionView, issueId: string, eventId: string): SupervisionView {
  const openIssueIds = view.openIssueIds.filter((i) => i !== issueId);
  return { ...view, openIssueIds, underRectification: openIssueIds.length > 0, appliedEvents: remember(view, eventId) };
}

export function caseEscalated(view: SupervisionView, escalation: SupervisionView['escalations'][number], eventId: string): SupervisionView {
  const escalations = [
    ...view.escalations.filter((e) => !(e.caseId === escalation.caseId && e.toLevel === escalation.toLevel)),
    escalation,
  ].slice(-KEPT_ESCALATIONS);
  return { ...view, escalations, appliedEvents: remember(view, eventId) };
}
