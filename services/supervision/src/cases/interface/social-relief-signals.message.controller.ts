import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ApplicationAcceptedV1,
  ApplicationDecidedV1,
  ApplicationDisbursedV1,
  ApplicationOverdue,
  ApplicationOverdueV1,
  ApplicationReviewedV1,
  ApplicationTransition,
  ApplicationWithdrawnV1,
  RecheckMissed,
  RecheckMissedV1,
  RecheckRecorded,
  RecheckRecordedV1,
  HotlineCallOverdue,
  HotlineCallOverdueCleared,
  HotlineCallOverdueClearedV1,
  HotlineCallOverdueV1,
  LowIncomeWarningChecked,
  LowIncomeWarningCheckedV1,
  LowIncomeWarningOverdue,
  LowIncomeWarningOverdueV1,
  ChildPlacementOverdue,
  ChildPlacementOverdueCleared,
  ChildPlacementOverdueClearedV1,
  ChildPlacementOverdueV1,
  VisitOverdue,
  VisitOverdueEnded,
  VisitOverdueEndedV1,
  VisitOverdueV1,
} from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { CaseSignalsService } from '../application/case-signals.service';
import { clearingSignal, openingSignal } from '../application/upstream-signals';

/**
 * Social relief's signals → cases: overdue visits to key persons, applications past their limit (应救未救), missed household
 * re-checks, hotline calls left unanswered, low-income warnings not checked at home in time (应救未救), children left without care not placed in time.
 */
@EventController()
export class SocialReliefSignalsMessageController {
  constructor(private readonly signals: CaseSignalsService) {}

  @EventPattern(VisitOverdueV1.type)
  onVisitOverdue(@Payload() e: EventEnvelope<VisitOverdue>) {
    return this.signals.open(e, openingSignal.visitOverdue(e.data));
  }

  @EventPattern(VisitOverdueEndedV1.type)
  onVisitMade(@Payload() e: EventEnvelope<VisitOverdueEnded>) {
    return this.signals.clear(e, clearingSignal.visitMade(e.data));
  }

  @EventPattern(ApplicationOverdueV1.type)
  onApplicationOverdue(@Payload() e: EventEnvelope<ApplicationOverdue>) {
    return this.signals.open(e, openingSignal.applicationOverdue(e.data));
  }

  @EventPattern(LowIncomeWarningOverdueV1.type)
  onLowIncomeWarningOverdue(@Payload() e: EventEnvelope<LowIncomeWarningOverdue>) {
    return this.signals.open(e, openingSignal.lowIncomeWarningOverdue(e.data));
  }

  @EventPattern(LowIncomeWarningCheckedV1.type)
  onLowIncomeWarningChecked(@Payload() e: EventEnvelope<LowIncomeWarningChecked>) {
    return this.signals.clear(e, clearingSignal.lowIncomeWarningChecked(e.data));
  }

  @EventPattern(ApplicationAcceptedV1.type)
  onAccepted(@Payload() e: EventEnvelope<ApplicationTransition>) {
    return this.moved(e);
  }

  @EventPattern(ApplicationReviewedV1.type)
  onReviewed(@Payload() e: EventEnvelope<ApplicationTransition>) {
    return this.moved(e);
  }

  @EventPattern(ApplicationDecidedV1.type)
  onDecided(@Payload() e: EventEnvelope<ApplicationTransition>) {
    return this.moved(e);
  }

  @EventPattern(ApplicationDisbursedV1.type)
  onDisbursed(@Payload() e: EventEnvelope<ApplicationTransition>) {
    return this.moved(e);
  }

  @EventPattern(ApplicationWithdrawnV1.type)
  onWithdrawn(@Payload() e: EventEnvelope<ApplicationTransition>) {
    return this.moved(e);
  }

  @EventPattern(RecheckMissedV1.type)
  onRecheckMissed(@Payload() e: EventEnvelope<RecheckMissed>) {
    return this.signals.open(e, openingSignal.recheckMissed(e.data));
  }

  @EventPattern(RecheckRecordedV1.type)
  async onRecheckRecorded(@Payload() e: EventEnvelope<RecheckRecorded>) {
    const signal = clearingSignal.recheckRecorded(e.data);
    if (signal) await this.signals.clear(e, signal);
  }

  @EventPattern(HotlineCallOverdueV1.type)
  onHotlineCallOverdue(@Payload() e: EventEnvelope<HotlineCallOverdue>) {
    return this.signals.open(e, openingSignal.hotlineCallOverdue(e.data));
  }

  @EventPattern(HotlineCallOverdueClearedV1.type)
  onHotlineCallCleared(@Payload() e: EventEnvelope<HotlineCallOverdueCleared>) {
    return this.signals.clear(e, clearingSignal.hotlineCallCleared(e.data));
  }

  @EventPattern(ChildPlacementOverdueV1.type)
  onChildPlacementOverdue(@Payload() e: EventEnvelope<ChildPlacementOverdue>) {
    return this.signals.open(e, openingSignal.childPlacementOverdue(e.data));
  }

  @EventPattern(ChildPlacementOverdueClearedV1.type)
  onChildPlacementCleared(@Payload() e: EventEnvelope<ChildPlacementOverdueCleared>) {
    return this.signals.clear(e, clearingSignal.childPlacementCleared(e.data));
  }

  private async moved(e: EventEnvelope<ApplicationTransition>) {
    const signal = clearingSignal.applicationMoved(e.data);
    if (signal) await this.signals.clear(e, signal);
  }
}
