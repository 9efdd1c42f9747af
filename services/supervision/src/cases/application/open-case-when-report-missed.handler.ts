import { Injectable } from '@nestjs/common';
import type { ReportMissed } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors } from '@civil/kernel';
import { causedBy, EventEnvelope, eventKey, OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { EscalationLadderRepository } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { openCase, recordOccurrence } from '../domain/supervision-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { caseIntegrationEvents } from './case-integration-events.mapper';

/**
 * ReportMissed → the unit's open report-missed case counts one more miss, or a new case opens.
 * Events of one unit arrive in order (keyed by unit id), so two opens never race; a redelivered
 * event is recognised by its id, recorded in the case it changed.
 */
@Injectable()
export class OpenCaseWhenReportMissedHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly ladders: EscalationLadderRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<ReportMissed>): Promise<void> {
    const key = eventKey(event);
    const missed = event.data;
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.clock.now();
      const open = await this.cases.openCaseOf('report-missed', missed.unitId);
      if (open) {
        const change = recordOccurrence(open.value, missed.reportDate, event.id, now);
        if (change.kind === 'none') return;
        if (await this.cases.save(open, [], key)) return;
        if (await this.cases.hasApplied(key, missed.unitId)) return;
        continue; // changed under us (an escalation); read again
      }
      if (await this.cases.hasApplied(key, missed.unitId)) return; // the case it opened is already resolved
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
      if (await this.cases.create(c, key, caseIntegrationEvents(c, { kind: 'opened' }, now, causedBy(event)))) {
        this.relay.notify(this.cases.outbox.name, [c.caseId]);
      }
      return;
    }
    throw Object.assign(new Error(`case of unit ${missed.unitId} kept changing; will retry`), { transient: true });
  }
}
