import { EventPattern, Payload } from '@nestjs/microservices';
import {
  InstitutionClosed,
  InstitutionClosedV1,
  InstitutionRegistered,
  InstitutionRegisteredV1,
  InstitutionReopened,
  InstitutionReopenedV1,
  InstitutionUpdated,
  InstitutionUpdatedV1,
} from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { CopyUnitsFromRegistryHandler } from '../application/copy-units-from-registry.handler';

/** The unit registry's events, for supervision's copy of the units it inspects. */
@EventController()
export class RegistryEventsMessageController {
  constructor(private readonly copy: CopyUnitsFromRegistryHandler) {}

  @EventPattern(InstitutionRegisteredV1.type)
  onRegistered(@Payload() event: EventEnvelope<InstitutionRegistered>) {
    return this.copy.registered(event);
  }

  @EventPattern(InstitutionUpdatedV1.type)
  onUpdated(@Payload() event: EventEnvelope<InstitutionUpdated>) {
    return this.copy.updated(event);
  }

  @EventPattern(InstitutionClosedV1.type)
  onClosed(@Payload() event: EventEnvelope<InstitutionClosed>) {
    return this.copy.closed(event);
  }

  @EventPattern(InstitutionReopenedV1.type)
  onReopened(@Payload() event: EventEnvelope<InstitutionReopened>) {
    return this.copy.reopened(event);
  }
}
