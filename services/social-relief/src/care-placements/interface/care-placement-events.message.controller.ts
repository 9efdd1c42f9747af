import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ChildPlacementAdmitted,
  ChildPlacementAdmittedV1,
  ChildPlacementRefused,
  ChildPlacementRefusedV1,
  RiskFlagRaised,
  RiskFlagRaisedV1,
} from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { OpenPlacementHandler } from '../application/open-placement.handler';
import { UnitAnswersHandler } from '../application/unit-answers.handler';

/**
 * The no-guardian flag (this service's own RiskFlagRaised, so the placement opens whatever raised
 * it) and the units' answers from institution monitoring. Redelivery changes nothing.
 */
@EventController()
export class CarePlacementEventsMessageController {
  constructor(
    private readonly open: OpenPlacementHandler,
    private readonly answers: UnitAnswersHandler,
  ) {}

  @EventPattern(RiskFlagRaisedV1.type)
  onFlagRaised(@Payload() e: EventEnvelope<RiskFlagRaised>) {
    return this.open.onFlagRaised(e);
  }

  @EventPattern(ChildPlacementAdmittedV1.type)
  onAdmitted(@Payload() e: EventEnvelope<ChildPlacementAdmitted>) {
    return this.answers.onAdmitted(e);
  }

  @EventPattern(ChildPlacementRefusedV1.type)
  onRefused(@Payload() e: EventEnvelope<ChildPlacementRefused>) {
    return this.answers.onRefused(e);
  }
}
