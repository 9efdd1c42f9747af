import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { findEquipment } from '../../homes/domain/funeral-home';
import { newFault } from '../domain/maintenance';
import { EquipmentFaultRepository } from '../infrastructure/maintenance.repository';
import { EquipmentFaults } from './equipment-faults';
import { faultView } from './maintenance-views';

/** A fault found in use (or at a check); out of service → the home's directory marks it. */
@Injectable()
export class ReportFault {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly repository: EquipmentFaultRepository,
    private readonly faults: EquipmentFaults,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(
    homeId: string,
    equipmentId: string,
    input: { faultId?: string; description: string; outOfService: boolean },
    by: Principal,
  ) {
    const home = await this.homes.homeFor(homeId, by);
    const equipment = findEquipment(home, equipmentId);
    // a retry of a fault already recorded: finish what the first attempt may have left undone
    const existing = input.faultId ? (await this.repository.get(input.faultId))?.value : undefined;
    if (existing) return faultView(await this.faults.alreadyRecorded(existing, homeId, equipmentId));
    const fault = newFault(
      home,
      equipment,
      { faultId: input.faultId ?? `flt-${randomUUID()}`, description: input.description, outOfService: input.outOfService, checkId: null },
      by.sub,
      this.clock.now(),
    );
    return faultView(await this.faults.insert(fault));
  }
}
