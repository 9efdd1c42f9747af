import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { HomeDirectory } from '../../homes/application/home-directory';
import { EquipmentFault } from '../domain/maintenance';
import { EquipmentFaultRepository } from '../infrastructure/maintenance.repository';

/**
 * What the fault use cases share: a fault recorded once (by its id) and its effect on the
 * equipment in the home's directory, applied again on every retry (idempotent).
 */
@Injectable()
export class EquipmentFaults {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly faults: EquipmentFaultRepository,
  ) {}

  async insert(fault: EquipmentFault): Promise<EquipmentFault> {
    if (!(await this.faults.store.create(fault, [{ type: 'reported' }]))) {
      const existing = (await this.faults.get(fault.faultId))!.value;
      return this.alreadyRecorded(existing, fault.homeId, fault.equipmentId);
    }
    await this.applyToEquipment(fault);
    return fault;
  }

  /** The same fault reported again: its effect on the equipment applied (idempotent); another equipment's fault id is 409. */
  async alreadyRecorded(existing: EquipmentFault, homeId: string, equipmentId: string): Promise<EquipmentFault> {
    if (existing.homeId !== homeId || existing.equipmentId !== equipmentId)
      throw DomainError.conflict('FaultExists', `fault ${existing.faultId} is already recorded for other equipment`, {
        faultId: existing.faultId,
      });
    await this.applyToEquipment(existing);
    return existing;
  }

  /** An out-of-service fault keeps the equipment out of service while open; its repair takes it off the open set. */
  async applyToEquipment(fault: EquipmentFault): Promise<void> {
    if (fault.outOfService) await this.homes.setInService(fault.homeId, fault.equipmentId, fault.status !== 'open', fault.faultId);
  }
}
