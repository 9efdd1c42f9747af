import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CapacityRecovered,
  CapacityRecoveredV1,
  CapacityStrained,
  CapacityStrainedV1,
  DisinfectionRoundMissed,
  DisinfectionRoundMissedV1,
  EquipmentFaultReported,
  EquipmentFaultReportedV1,
  EquipmentRepaired,
  EquipmentRepairedV1,
} from '@civil/contracts';
import { EventController, EventEnvelope } from '@civil/messaging';
import { CaseSignalsService } from '../application/case-signals.service';
import { EquipmentFaultWatchService } from '../application/equipment-fault-watch.service';
import { clearingSignal, openingSignal } from '../application/upstream-signals';

/** Funeral operations' signals → cases: faults left unrepaired, strained capacity, missed disinfection. */
@EventController()
export class FuneralSignalsMessageController {
  constructor(
    private readonly signals: CaseSignalsService,
    private readonly faults: EquipmentFaultWatchService,
  ) {}

  @EventPattern(EquipmentFaultReportedV1.type)
  onFault(@Payload() e: EventEnvelope<EquipmentFaultReported>) {
    return this.faults.onFaultReported(e);
  }

  @EventPattern(EquipmentRepairedV1.type)
  onRepaired(@Payload() e: EventEnvelope<EquipmentRepaired>) {
    return this.faults.onRepaired(e);
  }

  @EventPattern(CapacityStrainedV1.type)
  onStrained(@Payload() e: EventEnvelope<CapacityStrained>) {
    return this.signals.open(e, openingSignal.capacityStrained(e.data));
  }

  @EventPattern(CapacityRecoveredV1.type)
  onRecovered(@Payload() e: EventEnvelope<CapacityRecovered>) {
    return this.signals.clear(e, clearingSignal.capacityRecovered(e.data));
  }

  @EventPattern(DisinfectionRoundMissedV1.type)
  onDisinfectionMissed(@Payload() e: EventEnvelope<DisinfectionRoundMissed>) {
    return this.signals.open(e, openingSignal.disinfectionMissed(e.data));
  }
}
