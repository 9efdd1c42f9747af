import { EventPattern, Payload } from '@nestjs/microservices';
import { CaseEscalated, CaseEscalatedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { OpenAccountabilityWhenCaseEscalatedHandler } from '../application/open-accountability-when-case-escalated.handler';

/** Supervision's own case escalations, read back from the case topic. */
@EventController()
export class CaseEscalatedMessageController {
  constructor(private readonly openAccountability: OpenAccountabilityWhenCaseEscalatedHandler) {}

  @EventPattern(CaseEscalatedV1.type)
  onCaseEscalated(@Payload() event: EventEnvelope<CaseEscalated>) {
    return this.openAccountability.handle(event);
  }
}
