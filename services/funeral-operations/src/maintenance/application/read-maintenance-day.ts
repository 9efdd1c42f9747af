import { Injectable } from '@nestjs/common';
import { EQUIPMENT_KIND_LABELS } from '@civil/contracts';
import { Clock, DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { Equipment, openFaultsOf } from '../../homes/domain/funeral-home';
import { CHECK_STATE_LABELS, checkState, maintenanceDayId } from '../domain/maintenance';
import { EquipmentFaultRepository, MaintenanceDayRepository } from '../infrastructure/maintenance.repository';
import { CheckDeadlines } from './check-deadlines';
import { checkView, faultView } from './maintenance-views';

/** What was checked on a day, what is missing, and the open faults. */
@Injectable()
export class ReadMaintenanceDay {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly days: MaintenanceDayRepository,
    private readonly faults: EquipmentFaultRepository,
    private readonly deadlines: CheckDeadlines,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(homeId: string, date: string | undefined, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const day = date ?? shanghaiDate(now);
    if (!isLocalDate(day)) throw DomainError.invalid('InvalidDate', `date ${day} is not a date (YYYY-MM-DD)`, { field: 'date' });
    const deadline = await this.deadlines.deadlineFor(home, day);
    const doc = (await this.days.get(maintenanceDayId(homeId, day)))?.value;
    const openFaults = await this.faults.openAt(homeId);
    const equipment = home.equipment.map((e: Equipment) => {
      const state = checkState(e, doc, deadline, now);
      return {
        equipmentId: e.equipmentId,
        kind: e.kind,
        kindLabel: EQUIPMENT_KIND_LABELS[e.kind],
        name: e.name,
        inService: e.inService,
        openFaultId: e.openFaultId,
        openFaultIds: openFaultsOf(e),
        state,
        stateLabel: CHECK_STATE_LABELS[state],
        checks: (doc?.checks ?? []).filter((c) => c.equipmentId === e.equipmentId).map((c) => checkView(c)),
      };
    });
    return {
      homeId,
      date: day,
      deadline: deadline.toISOString(),
      equipment,
      checked: equipment.filter((e) => e.state === 'checked' || e.state === 'checked-late').map((e) => e.equipmentId),
      missing: equipment.filter((e) => e.state === 'missed' || e.state === 'pending').map((e) => e.equipmentId),
      missedRecorded: (doc?.missed ?? []).map((m) => ({ ...m, detectedAt: m.detectedAt.toISOString() })),
      openFaults: openFaults.map((f) => faultView(f)),
    };
  }
}
