import { Injectable } from '@nestjs/common';
import type { CaseEscalated, RectificationIssueOpened, RectificationIssueReopened, RectificationIssueSignedOff } from '@civil/contracts';
import { EventEnvelope } from '@civil/messaging';
import { applied, caseEscalated, issueOpened, issueSignedOff, SupervisionView } from '../../registry/domain/supervision-view';
import { emptySupervisionView, InstitutionRepository } from '../../registry/infrastructure/institution.repository';

/**
 * Keeps each unit's supervision view (under rectification, escalations) from supervision's events.
 * Redelivery is a no-op: the event id is remembered on the unit in the same write.
 */
@Injectable()
export class ShowSupervisionOnUnitHandler {
  constructor(private readonly institutions: InstitutionRepository) {}

  issueOpened(event: EventEnvelope<RectificationIssueOpened | RectificationIssueReopened>): Promise<void> {
    return this.apply(event.data.unitId, event.id, (view) => issueOpened(view, event.data.issueId, event.id));
  }

  issueSignedOff(event: EventEnvelope<RectificationIssueSignedOff>): Promise<void> {
    return this.apply(event.data.unitId, event.id, (view) => issueSignedOff(view, event.data.issueId, event.id));
  }

  /** A case about a unit climbed a level; cases about other subjects are not ours to show. */
  caseEscalated(event: EventEnvelope<CaseEscalated>): Promise<void> {
    const c = event.data;
    return this.apply(c.subjectId, event.id, (view) =>
      caseEscalated(
        view,
        { caseId: c.caseId, caseType: c.caseType, toLevel: c.toLevel, reason: c.reason, escalatedAt: c.escalatedAt },
        event.id,
      ),
    );
  }

  private async apply(unitId: string | null, eventId: string, change: (view: SupervisionView) => SupervisionView): Promise<void> {
    if (!unitId) return;
    const notOurs = new Error('not a unit of ours');
    await this.institutions.supervisionStore
      .change(
        unitId,
        (unit) => {
          const view = unit.supervision ?? emptySupervisionView();
          return applied(view, eventId) ? undefined : { next: { unitId, supervision: change(view) }, changes: [] };
        },
        () => notOurs,
      )
      .catch((e) => {
        if (e !== notOurs) throw e;
      });
  }
}
