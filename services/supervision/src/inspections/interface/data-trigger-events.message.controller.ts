import { EventPattern, Payload } from '@nestjs/microservices';
import { ReportMissed, ReportMissedV1, SymptomCaseReported, SymptomCaseReportedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { ScheduleInspectionWhenDataTriggersHandler } from '../application/schedule-inspection-when-data-triggers.handler';

/** Signals that may send a team to a unit (cases/ handles the same events for its own purpose). */
@EventController()
export class DataTriggerEventsMessageController {
  constructor(private readonly schedule: ScheduleInspectionWhenDataTriggersHandler) {}

  @EventPattern(SymptomCaseReportedV1.type)
  onSymptomCase(@Payload() event: EventEnvelope<SymptomCaseReported>) {
    return this.schedule.onSymptomCase(event);
  }

  @EventPattern(ReportMissedV1.type)
  onReportMissed(@Payload() event: EventEnvelope<ReportMissed>) {
    return this.schedule.onReportMissed(event);
  }
}
