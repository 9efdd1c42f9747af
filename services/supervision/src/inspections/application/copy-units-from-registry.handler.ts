import { Injectable } from '@nestjs/common';
import type { InstitutionClosed, InstitutionRegistered, InstitutionReopened, InstitutionUpdated } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';

/**
 * Keeps supervision's copy of the units it inspects: coverage counts them, and data-triggered
 * inspections take their type and division from it. Every write replaces fields with the
 * event's values, so redelivery changes nothing.
 */
@Injectable()
export class CopyUnitsFromRegistryHandler {
  constructor(private readonly units: InspectionUnitRepository) {}

  registered(e: EventEnvelope<InstitutionRegistered>): Promise<void> {
    const d = e.data;
    return this.units.upsert({
      unitId: d.unitId,
      name: d.name,
      unitType: d.unitType,
      divisionCode: d.divisionCode,
      divisionAncestors: divisionAncestors(d.divisionCode),
      registryVersion: 0,
    });
  }

  updated(e: EventEnvelope<InstitutionUpdated>): Promise<void> {
    const d = e.data;
    return this.units.upsert({
      unitId: d.unitId,
      name: d.name,
      unitType: d.unitType,
      divisionCode: d.divisionCode,
      divisionAncestors: divisionAncestors(d.divisionCode),
      registryVersion: d.registryVersion,
    });
  }

  closed(e: EventEnvelope<InstitutionClosed>): Promise<void> {
    return this.units.setClosedManagement(e.data.unitId, true);
  }

  reopened(e: EventEnvelope<InstitutionReopened>): Promise<void> {
    return this.units.setClosedManagement(e.data.unitId, false);
  }
}
