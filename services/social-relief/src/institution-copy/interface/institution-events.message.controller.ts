import { EventPattern, Payload } from '@nestjs/microservices';
import { InstitutionRegistered, InstitutionRegisteredV1, InstitutionUpdated, InstitutionUpdatedV1 } from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { KeepInstitutionCopyHandler } from '../application/keep-institution-copy.handler';

/**
 * institution-monitoring's registry events, parsed and schema-checked by the runner. Closed
 * management (InstitutionClosed/Reopened) is a quarantine state, not a change of beds, so the
 * copy does not follow it.
 */
@EventController()
export class InstitutionEventsMessageController {
  constructor(private readonly handler: KeepInstitutionCopyHandler) {}

  @EventPattern(InstitutionRegisteredV1.type)
  onRegistered(@Payload() event: EventEnvelope<InstitutionRegistered>) {
    return this.handler.registered(event);
  }

  @EventPattern(InstitutionUpdatedV1.type)
  onUpdated(@Payload() event: EventEnvelope<InstitutionUpdated>) {
    return this.handler.updated(event);
  }
}
