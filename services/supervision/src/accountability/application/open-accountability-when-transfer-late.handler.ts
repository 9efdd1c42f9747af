import { Injectable } from '@nestjs/common';
import { ResidentTransferred, ResidentTransferredV1 } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, shanghaiDate } from '@civil/kernel';
import { causedBy, EventEnvelope } from '@civil/messaging';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import { CaseRepository, subjectDocId } from '../../cases/infrastructure/case.repository';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { openAccountabilityCase } from '../domain/accountability-case';
import { lateTransfer } from '../domain/late-transfer';
import { AccountabilityCaseRepository } from '../infrastructure/accountability-case.repository';

/**
 * ResidentTransferred later than the region's limit after the symptoms were detected → one
 * accountability case for 不及时送医 (not sent to hospital in time, seed 000) against the unit.
 * A unit whose report is on record is never accused of concealment for a slow transfer. Its id
 * derives from the symptom case, so a redelivery opens nothing more.
 */
@Injectable()
export class OpenAccountabilityWhenTransferLateHandler {
  constructor(
    private readonly accountability: AccountabilityCaseRepository,
    private readonly supervisionCases: CaseRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<ResidentTransferred>): Promise<void> {
    const t = event.data;
    // a transfer published before its events carried detectedAt cannot be timed: nothing is opened
    if (!t.detectedAt) return;
    const limitHours = await this.settings.valueFor(
      'symptom-transfer-limit-hours',
      t.divisionCode,
      shanghaiDate(new Date(t.transferredAt)),
    );
    const late = lateTransfer(t.detectedAt, t.transferredAt, limitHours);
    if (!late) return;
    const id = deterministicId('accountability', 'late-transfer', t.unitId, t.symptomCaseId);
    if (await this.accountability.get(id)) return;
    // the unit's symptom case, when it is (or was last) the one this episode opened
    const subjectCase = (await this.supervisionCases.store.get(subjectDocId('symptom-case', t.unitId)))?.value;
    const sourceCase = subjectCase?.history.some((h) => h.note?.includes(t.symptomCaseId)) ? subjectCase.caseId : null;
    const c = openAccountabilityCase(
      {
        accountabilityCaseId: id,
        trigger: 'not-hospitalised-in-time',
        subject: { kind: 'unit', id: t.unitId, divisionCode: t.divisionCode },
        evidence: [
          {
            eventId: event.id,
            type: ResidentTransferredV1.type,
            time: event.time,
            note: `transferred ${late.hours} h after the symptoms were detected (limit ${limitHours} h)`,
          },
        ],
        sourceCaseId: sourceCase,
        summary: `不及时送医: symptom case ${t.symptomCaseId} transferred to a designated hospital ${late.hours} h after detection, limit ${limitHours} h`,
        openedBy: 'system',
      },
      divisionAncestors(t.divisionCode),
      this.clock.now(),
    );
    // false: opened meanwhile (a redelivery processed at once)
    await this.accountability.store.create(c, [{ type: 'opened', causation: causedBy(event) }]);
  }
}
