import { Injectable } from '@nestjs/common';
import type { CaseEscalated, RectificationIssueOpened, RectificationIssueReopened, RectificationIssueSignedOff } from '@civil/contracts';
import { EventEnvelope } from '@civil/messaging';
import { applied, caseEscalated, issueOpened, issueSignedOff, SupervisionView } from '../../registry/domain/supervision-view';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';

const CAS_ATTEMPTS = 8;

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
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.institutions.supervisionOf(unitId);
      if (!current || applied(current.value, eventId)) return; // not a unit of ours, or already applied
      if (await this.institutions.saveSupervision(unitId, current.version, change(current.value))) return;
    }
    throw Object.assign(new Error(`unit ${unitId} kept changing; will retry`), { transient: true });
  }
}
