import { EventPattern, Payload } from '@nestjs/microservices';
import { ReportMissed, ReportMissedV1, SymptomCaseReported, SymptomCaseReportedV1 } from '@civil/contracts';
import { BATCH, EventController, EventEnvelope } from '@civil/messaging';
import { ScheduleInspectionWhenDataTriggersHandler } from '../application/schedule-inspection-when-data-triggers.handler';

/** Signals that may send a team to a unit (cases/ handles the same events for its own purpose). */
@EventController()
export class DataTriggerEventsMessageController {
  constructor(private readonly schedule: ScheduleInspectionWhenDataTriggersHandler) {}

  @EventPattern(SymptomCaseReportedV1.type)
  onSymptomCase(@Payload() event: EventEnvelope<SymptomCaseReported>) {
    return this.schedule.onSymptomCase(event);
  }

  /** A sweep's misses, a partition's run at a time (as cases/ takes them). */
  @EventPattern(ReportMissedV1.type, BATCH)
  onReportMissed(@Payload() events: EventEnvelope<ReportMissed>[]) {
    return this.schedule.onReportsMissed(events);
  }
}
