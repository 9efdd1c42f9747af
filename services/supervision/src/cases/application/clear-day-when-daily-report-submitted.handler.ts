import { Injectable } from '@nestjs/common';
import type { DailyReportSubmitted } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { causedBy, EventEnvelope, eventKey, OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { clearDay } from '../domain/supervision-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseSubjectRepository } from '../infrastructure/case-subject.repository';
import { caseIntegrationEvents } from './case-integration-events.mapper';

/** A report for a missed day clears that day on the unit's case; the last day resolves it. */
@Injectable()
export class ClearDayWhenDailyReportSubmittedHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly subjects: CaseSubjectRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<DailyReportSubmitted>): Promise<void> {
    const report = event.data;
    for (let attempt = 0; attempt < 5; attempt++) {
      const { openCaseId } = await this.subjects.get('report-missed', report.unitId);
      const open = openCaseId ? await this.cases.get(openCaseId) : undefined;
      if (!open || open.value.status !== 'open' || !open.value.outstanding.includes(report.reportDate)) return; // on time, or already applied
      const now = this.clock.now();
      const change = clearDay(open.value, report.reportDate, event.id, now);
      const events = caseIntegrationEvents(open.value, change, now, causedBy(event));
      if (!(await this.cases.save(open, events))) continue;
      this.relay.notifyWritten(CaseRepository.COLLECTION, [{ docId: open.value.caseId, entries: events }]);
      await this.subjects.record('report-missed', report.unitId, eventKey(event), change.kind === 'resolved' ? null : open.value.caseId);
      return;
    }
    throw Object.assign(new Error(`case of unit ${report.unitId} kept changing; will retry`), { transient: true });
  }
}
