import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { findEquipment, FuneralHome } from '../../homes/domain/funeral-home';
import {
  addCheck,
  checkCheckers,
  CheckResult,
  emptyMaintenanceDay,
  MaintenanceCheck,
  maintenanceDayId,
  MaintenanceDay,
  newFault,
} from '../domain/maintenance';
import { MaintenanceDayRepository } from '../infrastructure/maintenance.repository';
import { CheckDeadlines } from './check-deadlines';
import { EquipmentFaults } from './equipment-faults';
import { checkView, faultView } from './maintenance-views';

export interface CheckInput {
  staffId: string;
  engineerStaffId: string | null;
  items: string[];
  result: CheckResult;
  fault: { description: string; outOfService: boolean } | null;
}

/** Records today's check of one vehicle or cremator; a fault found is reported with it. */
@Injectable()
export class RecordCheck {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly days: MaintenanceDayRepository,
    private readonly faults: EquipmentFaults,
    private readonly deadlines: CheckDeadlines,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(homeId: string, equipmentId: string, input: CheckInput, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const equipment = findEquipment(home, equipmentId);
    checkCheckers(home, equipment, input.staffId, input.engineerStaffId);
    if (input.result === 'fault-found' && !input.fault)
      throw DomainError.invalid('FaultRequired', 'a check that found a fault describes it: fault is required', { field: 'fault' });
    const now = this.clock.now();
    const day = shanghaiDate(now);
    const deadline = await this.deadlines.deadlineFor(home, day);
    const checkId = `chk-${randomUUID()}`;
    const fault =
      input.result === 'fault-found' && input.fault
        ? newFault(home, equipment, { faultId: `flt-${randomUUID()}`, ...input.fault, checkId }, by.sub, now)
        : null;
    const check: MaintenanceCheck = {
      checkId,
      equipmentId,
      kind: equipment.kind,
      checkedAt: now,
      staffId: input.staffId,
      engineerStaffId: input.engineerStaffId,
      items: input.items,
      result: input.result,
      faultId: fault?.faultId ?? null,
      late: now.getTime() > deadline.getTime(),
      recordedBy: by.sub,
    };
    await this.changeDay(home, day, (doc) => addCheck(doc, check));
    const reported = fault ? await this.faults.insert(fault) : null;
    return { ...checkView(check), fault: reported ? faultView(reported) : null };
  }

  private async changeDay(home: FuneralHome, day: string, update: (doc: MaintenanceDay) => MaintenanceDay): Promise<MaintenanceDay> {
    const { state } = await this.days.store.upsert(maintenanceDayId(home.homeId, day), (current) => ({
      next: update(current ?? emptyMaintenanceDay(home, day)),
      changes: [],
    }));
    return state!;
  }
}
