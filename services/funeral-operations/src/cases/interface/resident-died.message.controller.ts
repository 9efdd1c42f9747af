import { EventPattern, Payload } from '@nestjs/microservices';
import { ResidentDied, ResidentDiedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { CaseIntakeService } from '../application/case-intake.service';

/** Institution monitoring's ResidentDied opens a case (once per death). */
@EventController()
export class ResidentDiedMessageController {
  constructor(private readonly intake: CaseIntakeService) {}

  @EventPattern(ResidentDiedV1.type)
  onResidentDied(@Payload() event: EventEnvelope<ResidentDied>) {
    return this.intake.fromResidentDied(event);
  }
}
