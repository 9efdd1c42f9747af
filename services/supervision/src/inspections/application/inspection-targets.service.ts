import { Injectable } from '@nestjs/common';
import { InspectionTargetType, SupervisedTargetKind } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, isUnitScoped, Principal } from '@civil/platform';
import { isInspectionTargetType } from '../domain/checklist-template';
import { INSPECTION_TARGET_TYPE_LABELS, registerTarget } from '../domain/inspection-target';
import { InspectionUnit, InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';

export function targetView(u: InspectionUnit) {
  return {
    targetId: u.unitId,
    unitType: u.unitType,
    unitTypeLabel: INSPECTION_TARGET_TYPE_LABELS[u.unitType],
    divisionCode: u.divisionCode,
    name: u.name,
    addressLabel: u.addressLabel ?? null,
    registeredIn: u.registeredIn ?? 'registry',
  };
}

/**
 * The targets supervision inspects beyond the registry's units: funeral homes, townships and
 * welfare-lottery sales points, registered here. They join the same rounds, checklists,
 * findings and rectification issues as any unit.
 */
@Injectable()
export class InspectionTargetsService {
  constructor(private readonly units: InspectionUnitRepository) {}

  /** Registers a target in the caller's jurisdiction; registering the same target again changes its address label only. */
  async register(input: { kind: SupervisedTargetKind; divisionCode: string; targetId?: string; addressLabel?: string }, by: Principal) {
    assertCovers(by, input.divisionCode);
    const { state } = await this.units.store.upsert(registerTarget(input).unitId, (current) => {
      const next = registerTarget(input, current);
      if (current && current.divisionCode !== next.divisionCode)
        throw DomainError.conflict('TargetExists', `targetId ${next.unitId} is registered in ${current.divisionCode}`, {
          field: 'targetId',
        });
      return { next: { ...current, ...next, closedManagement: current?.closedManagement ?? false }, changes: [] };
    });
    return targetView(state!);
  }

  /** Targets of one kind (or all) in the caller's jurisdiction; unit staff see their own unit only. */
  async list(by: Principal, kind?: string) {
    if (kind && !isInspectionTargetType(kind))
      throw DomainError.invalid('InvalidQuery', 'unitType must be an inspection target type', { field: 'unitType' });
    const found = await this.units.list({
      jurisdiction: by.jurisdiction,
      unitType: kind as InspectionTargetType | undefined,
      unitId: isUnitScoped(by) ? by.unitId : undefined,
    });
    return found.map(targetView);
  }

  async get(targetId: string, by: Principal) {
    const found = await this.units.get(targetId);
    const notFound = () => DomainError.notFound('TargetNotFound', `no inspection target ${targetId}`);
    if (!found) throw notFound();
    assertFoundWithin(by, notFound, found.divisionCode, isUnitScoped(by) ? found.unitId : undefined);
    return targetView(found);
  }
}
