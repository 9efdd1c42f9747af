import { Injectable } from '@nestjs/common';
import { Clock, deterministicId } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { EscalationLadderRepository } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { escalateIfDue } from '../domain/supervision-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { caseIntegrationEvents } from './case-integration-events.mapper';

/**
 * The durable ladder timer: the due time lives in the case; any replica may take a due case, and
 * the version check lets exactly one of them move it. A case overdue by several rungs climbs one
 * rung per pass (passes repeat until nothing is due), each rung with its own CaseEscalated.
 */
@Injectable()
export class EscalateDueCasesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly ladders: EscalationLadderRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async run(batchSize = 500): Promise<{ escalated: number }> {
    let escalated = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.cases.dueForEscalation(now, batchSize);
      let moved = 0;
      for (const loaded of due) {
        const ladder = await this.ladders.get(loaded.value.caseType, loaded.value.divisionCode);
        const change = escalateIfDue(loaded.value, ladder, now);
        const correlationId = deterministicId('escalation', loaded.value.caseId);
        const events = caseIntegrationEvents(loaded.value, change, now, { correlationId, causationId: loaded.value.triggeringEventId });
        if (await this.cases.save(loaded, events)) {
          this.relay.notifyWritten(CaseRepository.COLLECTION, [{ docId: loaded.value.caseId, entries: events }]);
          if (change.kind === 'escalated') {
            escalated++;
            moved++;
          }
        }
      }
      if (moved === 0) return { escalated };
    }
  }
}
