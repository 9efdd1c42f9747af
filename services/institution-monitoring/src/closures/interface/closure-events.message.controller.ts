import { EventPattern, Payload } from '@nestjs/microservices';
import { InstitutionClosed, InstitutionClosedV1, InstitutionReopened, InstitutionReopenedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { PlacementsService } from '../application/placements.service';

/**
 * A unit's closure and reopening, from the registry's own events (written with the unit's change,
 * so the placements follow whatever closed it: its own order or a region-wide one). Redelivery
 * changes nothing: a held placement is not held again, a scheduled one not resumed again.
 */
@EventController()
export class ClosureEventsMessageController {
  constructor(private readonly placements: PlacementsService) {}

  @EventPattern(InstitutionClosedV1.type)
  async onClosed(@Payload() event: EventEnvelope<InstitutionClosed>) {
    await this.placements.holdAll(event.data.unitId, event.data.orderId);
  }

  @EventPattern(InstitutionReopenedV1.type)
  async onReopened(@Payload() event: EventEnvelope<InstitutionReopened>) {
    await this.placements.resumeAll(event.data.unitId, event.data.reopenOrderId);
  }
}
