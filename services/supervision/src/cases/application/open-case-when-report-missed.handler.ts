import { Injectable } from '@nestjs/common';
import type { ReportMissed } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors } from '@civil/kernel';
import { causedBy, EventEnvelope, eventKey, OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { EscalationLadderRepository } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { openCase, recordOccurrence } from '../domain/supervision-case';
import { CaseRepository, LoadedCase } from '../infrastructure/case.repository';
import { CaseSubjectRepository } from '../infrastructure/case-subject.repository';
import { caseIntegrationEvents } from './case-integration-events.mapper';

/**
 * ReportMissed → the unit's open report-missed case counts one more miss, or a new case opens.
 * Events of one unit arrive in order (keyed by unit id), so two opens never race. A redelivered
 * event changes nothing: its id is remembered per unit, the case it opens has an id derived from
 * it, and a day already counted is not counted again.
 */
@Injectable()
export class OpenCaseWhenReportMissedHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly subjects: CaseSubjectRepository,
    private readonly ladders: EscalationLadderRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<ReportMissed>): Promise<void> {
    const key = eventKey(event);
    const missed = event.data;
    for (let attempt = 0; attempt < 5; attempt++) {
      const subject = await this.subjects.get('report-missed', missed.unitId);
      if (subject.appliedEvents.includes(key)) return;
      const open = await this.openCase(subject.openCaseId);
      const now = this.clock.now();
      if (open) {
        recordOccurrence(open.value, missed.reportDate, event.id, now);
        if (!(await this.cases.save(open, []))) continue; // an escalation moved it meanwhile; read again
        await this.subjects.record('report-missed', missed.unitId, key, open.value.caseId);
        return;
      }
      const c = openCase(
        {
          caseId: deterministicId('case', key),
          caseType: 'report-missed',
          subjectId: missed.unitId,
          divisionCode: missed.divisionCode,
          divisionAncestors: divisionAncestors(missed.divisionCode),
          day: missed.reportDate,
          eventId: event.id,
        },
        await this.ladders.get('report-missed'),
        now,
      );
      // false: this event opened it before a crash; the pointer below is what was left to do
      const events = caseIntegrationEvents(c, { kind: 'opened' }, now, causedBy(event));
      if (await this.cases.create(c, events)) {
        this.relay.notifyWritten(CaseRepository.COLLECTION, [{ docId: c.caseId, entries: events }]);
      }
      await this.subjects.record('report-missed', missed.unitId, key, c.caseId);
      return;
    }
    throw Object.assign(new Error(`case of unit ${missed.unitId} kept changing; will retry`), { transient: true });
  }

  private async openCase(caseId: string | undefined): Promise<LoadedCase | undefined> {
    const loaded = caseId ? await this.cases.get(caseId) : undefined;
    return loaded?.value.status === 'open' ? loaded : undefined;
  }
}
