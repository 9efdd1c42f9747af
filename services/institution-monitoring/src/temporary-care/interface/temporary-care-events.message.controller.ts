import { EventPattern, Payload } from '@nestjs/microservices';
import { ChildPlacementEnded, ChildPlacementEndedV1, ChildPlacementRequested, ChildPlacementRequestedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { TemporaryCareService } from '../application/temporary-care.service';

/** Social relief's placement requests and their ends (keyed by placement, so a request comes before its end). */
@EventController()
export class TemporaryCareEventsMessageController {
  constructor(private readonly care: TemporaryCareService) {}

  @EventPattern(ChildPlacementRequestedV1.type)
  onRequested(@Payload() e: EventEnvelope<ChildPlacementRequested>) {
    return this.care.onRequested(e);
  }

  @EventPattern(ChildPlacementEndedV1.type)
  onEnded(@Payload() e: EventEnvelope<ChildPlacementEnded>) {
    return this.care.onEnded(e);
  }
}
