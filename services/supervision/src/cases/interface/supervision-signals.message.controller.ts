import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DirectiveStepFiled,
  DirectiveStepFiledV1,
  DirectiveStepMissed,
  DirectiveStepMissedV1,
  RectificationIssueOverdue,
  RectificationIssueOverdueV1,
  RectificationIssueSignedOff,
  RectificationIssueSignedOffV1,
} from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { CaseSignalsService } from '../application/case-signals.service';
import { clearingSignal, openingSignal } from '../application/upstream-signals';

/**
 * Supervision's own signals, read back from its topics like any other service's: a rectification
 * past its due date and a directive step not filed climb a ladder too.
 */
@EventController()
export class SupervisionSignalsMessageController {
  constructor(private readonly signals: CaseSignalsService) {}

  @EventPattern(RectificationIssueOverdueV1.type)
  onIssueOverdue(@Payload() e: EventEnvelope<RectificationIssueOverdue>) {
    return this.signals.open(e, openingSignal.rectificationOverdue(e.data));
  }

  @EventPattern(RectificationIssueSignedOffV1.type)
  onIssueSignedOff(@Payload() e: EventEnvelope<RectificationIssueSignedOff>) {
    return this.signals.clear(e, clearingSignal.issueSignedOff(e.data));
  }

  @EventPattern(DirectiveStepMissedV1.type)
  onStepMissed(@Payload() e: EventEnvelope<DirectiveStepMissed>) {
    return this.signals.open(e, openingSignal.directiveMissed(e.data));
  }

  @EventPattern(DirectiveStepFiledV1.type)
  onStepFiled(@Payload() e: EventEnvelope<DirectiveStepFiled>) {
    return this.signals.clear(e, clearingSignal.directiveStepFiled(e.data));
  }
}
