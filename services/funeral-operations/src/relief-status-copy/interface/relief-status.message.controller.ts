import { EventPattern, Payload } from '@nestjs/microservices';
import { ReliefStatusChanged, ReliefStatusChangedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { ReliefStatusCopyService } from '../application/relief-status-copy.service';

/** Social relief's ReliefStatusChanged, kept as this service's copy (for fee waivers). */
@EventController()
export class ReliefStatusMessageController {
  constructor(private readonly copy: ReliefStatusCopyService) {}

  @EventPattern(ReliefStatusChangedV1.type)
  onChanged(@Payload() event: EventEnvelope<ReliefStatusChanged>) {
    return this.copy.changed(event);
  }
}
