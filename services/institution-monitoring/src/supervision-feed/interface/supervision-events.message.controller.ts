import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CaseEscalated,
  CaseEscalatedV1,
  RectificationIssueOpened,
  RectificationIssueOpenedV1,
  RectificationIssueReopened,
  RectificationIssueReopenedV1,
  RectificationIssueSignedOff,
  RectificationIssueSignedOffV1,
} from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { ShowSupervisionOnUnitHandler } from '../application/show-supervision-on-unit.handler';

/** Supervision's events about units, parsed and schema-checked by the runner. */
@EventController()
export class SupervisionEventsMessageController {
  constructor(private readonly handler: ShowSupervisionOnUnitHandler) {}

  @EventPattern(RectificationIssueOpenedV1.type)
  onIssueOpened(@Payload() event: EventEnvelope<RectificationIssueOpened>) {
    return this.handler.issueOpened(event);
  }

  @EventPattern(RectificationIssueReopenedV1.type)
  onIssueReopened(@Payload() event: EventEnvelope<RectificationIssueReopened>) {
    return this.handler.issueOpened(event);
  }

  @EventPattern(RectificationIssueSignedOffV1.type)
  onIssueSignedOff(@Payload() event: EventEnvelope<RectificationIssueSignedOff>) {
    return this.handler.issueSignedOff(event);
  }

  @EventPattern(CaseEscalatedV1.type)
  onCaseEscalated(@Payload() event: EventEnvelope<CaseEscalated>) {
    return this.handler.caseEscalated(event);
  }
}
