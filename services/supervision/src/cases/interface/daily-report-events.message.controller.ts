import { EventPattern, Payload } from '@nestjs/microservices';
import { DailyReportSubmitted, DailyReportSubmittedV1, ReportMissed, ReportMissedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { ClearDayWhenDailyReportSubmittedHandler } from '../application/clear-day-when-daily-report-submitted.handler';
import { OpenCaseWhenReportMissedHandler } from '../application/open-case-when-report-missed.handler';

/** Institution monitoring's daily-report events, parsed and schema-checked by the runner. */
@EventController()
export class DailyReportEventsMessageController {
  constructor(
    private readonly openCase: OpenCaseWhenReportMissedHandler,
    private readonly clearDay: ClearDayWhenDailyReportSubmittedHandler,
  ) {}

  @EventPattern(ReportMissedV1.type)
  onReportMissed(@Payload() event: EventEnvelope<ReportMissed>) {
    return this.openCase.handle(event);
  }

  @EventPattern(DailyReportSubmittedV1.type)
  onDailyReportSubmitted(@Payload() event: EventEnvelope<DailyReportSubmitted>) {
    return this.clearDay.handle(event);
  }
}
