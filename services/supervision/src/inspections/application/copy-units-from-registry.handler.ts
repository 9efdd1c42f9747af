import { Injectable } from '@nestjs/common';
import type { InstitutionClosed, InstitutionRegistered, InstitutionReopened, InstitutionUpdated } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { InspectionUnit, InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';

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
    return this.copy({
      unitId: d.unitId,
      name: d.name,
      unitType: d.unitType,
      divisionCode: d.divisionCode,
      divisionAncestors: divisionAncestors(d.divisionCode),
      registryVersion: 0,
      registeredIn: 'registry',
    });
  }

  updated(e: EventEnvelope<InstitutionUpdated>): Promise<void> {
    const d = e.data;
    return this.copy({
      unitId: d.unitId,
      name: d.name,
      unitType: d.unitType,
      divisionCode: d.divisionCode,
      divisionAncestors: divisionAncestors(d.divisionCode),
      registryVersion: d.registryVersion,
      registeredIn: 'registry',
    });
  }

  closed(e: EventEnvelope<InstitutionClosed>): Promise<void> {
    return this.setClosedManagement(e.data.unitId, true);
  }

  reopened(e: EventEnvelope<InstitutionReopened>): Promise<void> {
    return this.setClosedManagement(e.data.unitId, false);
  }

  /** Replaces the public fields unless a newer registry version was applied already; a new unit starts outside closed management. */
  private async copy(unit: Omit<InspectionUnit, 'closedManagement'>): Promise<void> {
    await this.units.store.upsert(unit.unitId, (current) => {
      if (current && current.registryVersion > unit.registryVersion) return undefined;
      return { next: { ...current, ...unit, closedManagement: current?.closedManagement ?? false }, changes: [] };
    });
  }

  /** Closed management starts or ends; a unit not copied yet is left to its registration. */
  private async setClosedManagement(unitId: string, closed: boolean): Promise<void> {
    await this.units.store.upsert(unitId, (current) =>
      current ? { next: { ...current, closedManagement: closed }, changes: [] } : undefined,
    );
  }
}
