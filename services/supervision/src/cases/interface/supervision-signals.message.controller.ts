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
  SelfInspectionMissed,
  SelfInspectionMissedV1,
  SelfInspectionReported,
  SelfInspectionReportedV1,
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

  @EventPattern(SelfInspectionMissedV1.type)
  onSelfInspectionMissed(@Payload() e: EventEnvelope<SelfInspectionMissed>) {
    return this.signals.open(e, openingSignal.selfInspectionMissed(e.data));
  }

  @EventPattern(SelfInspectionReportedV1.type)
  onSelfInspectionReported(@Payload() e: EventEnvelope<SelfInspectionReported>) {
    return this.signals.clear(e, clearingSignal.selfInspectionReported(e.data));
  }

  @EventPattern(DirectiveStepFiledV1.type)
  onStepFiled(@Payload() e: EventEnvelope<DirectiveStepFiled>) {
    return this.signals.clear(e, clearingSignal.directiveStepFiled(e.data));
  }
}
