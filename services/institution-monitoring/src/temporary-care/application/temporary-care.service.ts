import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChildPlacementEnded, ChildPlacementRequested } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { ConcurrentChangeError } from '@civil/persistence';
import { FieldCipher, InjectClock, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { UnitDirectory } from '../../registry/application/unit-directory';
import * as rules from '../../residents/domain/resident';
import { ResidentRepository } from '../../residents/infrastructure/resident.repository';
import { PlacementRequest, refusalFor, released, requestKeyOf, residentIdFor } from '../domain/placement-request';
import { PlacementRequestRepository } from '../infrastructure/placement-request.repository';

/** Who admits and discharges children in temporary care: social relief's request, not a person here. */
const BY = 'social-relief-placement';

/**
 * Answers social relief's placement requests: refuses (unknown unit, not a unit for children,
 * inactive, under closed management) or admits the child as a resident through the residents' own
 * rules, and answers with the event written with the request's record. Discharges the child when the
 * placement ends. Redelivery changes nothing: the request's record and the resident have ids derived
 * from the request.
 */
@Injectable()
export class TemporaryCareService {
  constructor(
    private readonly requests: PlacementRequestRepository,
    private readonly residents: ResidentRepository,
    private readonly units: UnitDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async onRequested(e: EventEnvelope<ChildPlacementRequested>): Promise<void> {
    const d = e.data;
    const requestKey = requestKeyOf(d.placementId, d.requestNo);
    if (await this.requests.get(requestKey)) return;
    const unit = await this.units.find(d.unitId);
    const now = this.clock.now();
    const refusal = refusalFor(unit);
    const record: PlacementRequest = {
      requestKey,
      placementId: d.placementId,
      requestNo: d.requestNo,
      unitId: d.unitId,
      childRef: d.childRef,
      childDivisionCode: d.divisionCode,
      divisionCode: unit?.divisionCode ?? d.divisionCode,
      outcome: refusal ? 'refused' : 'admitted',
      reason: refusal,
      residentId: null,
      isolated: false,
      answeredAt: now,
      endedAt: null,
      dischargedAt: null,
      dischargeHeld: null,
    };
    if (!refusal && unit) {
      const threshold = await this.settings.valueFor('fever-threshold-tenths-c', unit.divisionCode, shanghaiDate(now));
      const { resident } = rules.admit(
        {
          residentId: residentIdFor(d.placementId, d.requestNo),
          unitId: unit.unitId,
          reliefStation: unit.unitType === 'relief-station',
          // social relief sends no name: the unit knows the child by the placement until its staff record more
          personal: { nameCipher: this.cipher.encrypt(`临时照料儿童 ${d.childRef}`), idNumberCipher: null, personKey: null },
          birthDate: null,
          observation: null,
          feverThresholdTenthsC: threshold,
          symptomCaseId: `sc-${randomUUID()}`,
          by: BY,
          temporaryCare: { placementId: d.placementId, requestNo: d.requestNo, childRef: d.childRef },
        },
        now,
      );
      // false: an earlier delivery admitted the child already (same id)
      await this.residents.store.create(resident, []);
      record.residentId = resident.residentId;
      record.isolated = resident.status === 'isolated';
    }
    await this.requests.store.create(record, [
      { type: 'answered', unitType: unit?.unitType ?? null, at: now, causation: { causationId: e.id, correlationId: e.correlationId } },
    ]);
  }

  async onEnded(e: EventEnvelope<ChildPlacementEnded>): Promise<void> {
    const d = e.data;
    if (!d.unitId || d.requestNo === null) return;
    const requestKey = requestKeyOf(d.placementId, d.requestNo);
    const found = await this.requests.get(requestKey);
    if (!found || found.value.outcome !== 'admitted' || found.value.dischargedAt) return;
    const residentId = found.value.residentId!;
    let outcome: { dischargedAt: Date } | { held: string };
    try {
      const { state } = await this.residents.store.change(
        residentId,
        (current) => {
          if (current.status === 'discharged') return undefined;
          const { resident } = rules.discharge(current, this.clock.now());
          return { next: resident, changes: [] };
        },
        () => new Error(`resident ${residentId} of placement ${d.placementId} is gone`),
      );
      outcome = { dischargedAt: state.dischargedAt ?? this.clock.now() };
    } catch (err) {
      // isolated, on leave or in hospital: the unit discharges the child by hand when it can
      if (!(err instanceof DomainError) || err.kind !== 'conflict' || err instanceof ConcurrentChangeError) throw err;
      outcome = { held: err.code };
    }
    await this.requests.store.change(
      requestKey,
      (current) => {
        const next = released(current, outcome, this.clock.now());
        return next && { next, changes: [] };
      },
      () => new Error(`placement request ${requestKey} is gone`),
    );
  }
}
