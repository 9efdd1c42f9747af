import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DailyReportInconsistent,
  DailyReportInconsistentV1,
  DailyReportSubmitted,
  DailyReportSubmittedV1,
  ReportMissed,
  ReportMissedV1,
  ResidentTransferred,
  ResidentTransferredV1,
  SymptomCaseEnded,
  SymptomCaseEndedV1,
  SupplyShortageCleared,
  SupplyShortageClearedV1,
  SupplyShortageDetected,
  SupplyShortageDetectedV1,
  SupplyStockUnaccounted,
  SupplyStockUnaccountedV1,
  SymptomCaseReported,
  SymptomCaseReportedV1,
  StaffVaccinationCleared,
  StaffVaccinationClearedV1,
  StaffVaccinationNotCleared,
  StaffVaccinationNotClearedV1,
  VaccinationCoverageBelowFloor,
  VaccinationCoverageBelowFloorV1,
  VaccinationCoverageRestored,
  VaccinationCoverageRestoredV1,
} from '@civil/contracts';
import { BATCH, EventController, EventEnvelope } from '@civil/messaging';
import type { AppliedSignal } from '../application/case-signals.service';
import { CaseSignalsService } from '../application/case-signals.service';
import { clearingSignal, openingSignal } from '../application/upstream-signals';

/** Institution monitoring's signals (parsed and schema-checked by the runner) → cases. */
@EventController()
export class InstitutionSignalsMessageController {
  constructor(private readonly signals: CaseSignalsService) {}

  /** A deadline sweep's misses come in bursts of every unit of a region: taken a partition's run at a time. */
  @EventPattern(ReportMissedV1.type, BATCH)
  onReportMissed(@Payload() events: EventEnvelope<ReportMissed>[]) {
    return this.signals.apply(events.map((e) => ({ event: e, open: openingSignal.reportMissed(e.data) })));
  }

  @EventPattern(DailyReportSubmittedV1.type, BATCH)
  onDailyReportSubmitted(@Payload() events: EventEnvelope<DailyReportSubmitted>[]) {
    return this.signals.apply(events.map((e) => ({ event: e, clear: clearingSignal.dailyReport(e.data) })));
  }

  /** A report at odds with the unit's records: a suspicion case, and the urgent path for cases it alone reports. */
  @EventPattern(DailyReportInconsistentV1.type)
  onReportInconsistent(@Payload() e: EventEnvelope<DailyReportInconsistent>) {
    const urgent = openingSignal.unreportedSymptomCases(e.data);
    const signals: AppliedSignal[] = [{ event: e, open: openingSignal.reportInconsistent(e.data) }];
    if (urgent) signals.push({ event: e, open: urgent });
    return this.signals.apply(signals);
  }

  @EventPattern(SupplyStockUnaccountedV1.type)
  onStockUnaccounted(@Payload() e: EventEnvelope<SupplyStockUnaccounted>) {
    return this.signals.open(e, openingSignal.reservesUnaccounted(e.data));
  }

  @EventPattern(SymptomCaseReportedV1.type)
  onSymptomCase(@Payload() e: EventEnvelope<SymptomCaseReported>) {
    return this.signals.open(e, openingSignal.symptomCase(e.data));
  }

  @EventPattern(SymptomCaseEndedV1.type)
  onSymptomCaseEnded(@Payload() e: EventEnvelope<SymptomCaseEnded>) {
    return this.signals.clear(e, clearingSignal.symptomCaseEnded(e.data));
  }

  @EventPattern(ResidentTransferredV1.type)
  onResidentTransferred(@Payload() e: EventEnvelope<ResidentTransferred>) {
    return this.signals.clear(e, clearingSignal.residentTransferred(e.data));
  }

  @EventPattern(SupplyShortageDetectedV1.type)
  onShortage(@Payload() e: EventEnvelope<SupplyShortageDetected>) {
    return this.signals.open(e, openingSignal.supplyShortage(e.data));
  }

  @EventPattern(SupplyShortageClearedV1.type)
  onShortageCleared(@Payload() e: EventEnvelope<SupplyShortageCleared>) {
    return this.signals.clear(e, clearingSignal.supplyCleared(e.data));
  }

  @EventPattern(VaccinationCoverageBelowFloorV1.type)
  onBelowFloor(@Payload() e: EventEnvelope<VaccinationCoverageBelowFloor>) {
    return this.signals.open(e, openingSignal.vaccinationBelowFloor(e.data));
  }

  @EventPattern(StaffVaccinationNotClearedV1.type)
  onStaffNotCleared(@Payload() e: EventEnvelope<StaffVaccinationNotCleared>) {
    return this.signals.open(e, openingSignal.staffVaccinationNotCleared(e.data));
  }

  @EventPattern(StaffVaccinationClearedV1.type)
  onStaffCleared(@Payload() e: EventEnvelope<StaffVaccinationCleared>) {
    return this.signals.clear(e, clearingSignal.staffVaccinationCleared(e.data));
  }

  @EventPattern(VaccinationCoverageRestoredV1.type)
  onRestored(@Payload() e: EventEnvelope<VaccinationCoverageRestored>) {
    return this.signals.clear(e, clearingSignal.vaccinationRestored(e.data));
  }
}
