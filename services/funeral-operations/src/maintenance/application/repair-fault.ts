import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { repairFault } from '../domain/maintenance';
import { EquipmentFaultRepository } from '../infrastructure/maintenance.repository';
import { EquipmentFaults } from './equipment-faults';
import { faultView } from './maintenance-views';

/** Records a fault's repair; an out-of-service piece of equipment goes back into service (also on a retry). */
@Injectable()
export class RepairFault {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly repository: EquipmentFaultRepository,
    private readonly faults: EquipmentFaults,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(homeId: string, equipmentId: string, faultId: string, notes: string | null, by: Principal) {
    await this.homes.homeFor(homeId, by);
    const notFound = () => DomainError.notFound('FaultNotFound', `equipment ${equipmentId} of home ${homeId} has no fault ${faultId}`);
    const first = (await this.repository.get(faultId))?.value;
    if (!first || first.homeId !== homeId || first.equipmentId !== equipmentId) throw notFound();
    // repaired already (a retry): still put the equipment back if the first attempt did not
    if (first.status !== 'open') await this.faults.applyToEquipment(first);
    const { state } = await this.repository.store.change(
      faultId,
      (current) => {
        const now = this.clock.now();
        return { next: repairFault(current, notes, by.sub, now), changes: [{ type: 'repaired', at: now }] };
      },
      notFound,
    );
    await this.faults.applyToEquipment(state);
    return faultView(state);
  }
}
