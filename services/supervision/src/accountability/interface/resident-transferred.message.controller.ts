import { EventPattern, Payload } from '@nestjs/microservices';
import { ResidentTransferred, ResidentTransferredV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { OpenAccountabilityWhenTransferLateHandler } from '../application/open-accountability-when-transfer-late.handler';

/** Transfers to a designated hospital, timed against the region's limit (cases/ closes the symptom case on the same event). */
@EventController()
export class ResidentTransferredMessageController {
  constructor(private readonly lateTransfer: OpenAccountabilityWhenTransferLateHandler) {}

  @EventPattern(ResidentTransferredV1.type)
  onResidentTransferred(@Payload() event: EventEnvelope<ResidentTransferred>) {
    return this.lateTransfer.handle(event);
  }
}
