import { Injectable } from '@nestjs/common';
import { EQUIPMENT_KIND_LABELS } from '@civil/contracts';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { Equipment, findEquipment, FuneralHome, openFaultsOf } from '../../homes/domain/funeral-home';
import { SettingKey } from '../../regional-settings/domain/settings';
import {
  addCheck,
  CHECK_RESULT_LABELS,
  CHECK_STATE_LABELS,
  checkCheckers,
  checkDeadline,
  CheckResult,
  checkState,
  emptyMaintenanceDay,
  EquipmentFault,
  FAULT_STATUS_LABELS,
  MaintenanceCheck,
  maintenanceDayId,
  MaintenanceDay,
  newFault,
  repairFault,
} from '../domain/maintenance';
import { EquipmentFaultRepository, MaintenanceDayRepository } from '../infrastructure/maintenance.repository';

export interface CheckInput {
  staffId: string;
  engineerStaffId: string | null;
  items: string[];
  result: CheckResult;
  fault: { description: string; outOfService: boolean } | null;
}

/** Daily checks, faults and repairs of a home's vehicles and cremators. */
@Injectable()
export class MaintenanceService {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly days: MaintenanceDayRepository,
    private readonly faults: EquipmentFaultRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The regional `maintenance-check-by-hour` for the home's division on the day. */
  byHour(home: FuneralHome, day: string): Promise<number> {
    return this.settings.valueFor('maintenance-check-by-hour', home.divisionCode, day);
  }

  async deadlineFor(home: FuneralHome, day: string): Promise<Date> {
    return checkDeadline(day, await this.byHour(home, day));
  }

  /** Records today's check of one vehicle or cremator; a fault found is reported with it. */
  async recordCheck(homeId: string, equipmentId: string, input: CheckInput, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const equipment = findEquipment(home, equipmentId);
    checkCheckers(home, equipment, input.staffId, input.engineerStaffId);
    if (input.result === 'fault-found' && !input.fault)
      throw DomainError.invalid('FaultRequired', 'a check that found a fault describes it: fault is required', { field: 'fault' });
    const now = this.clock.now();
    const day = shanghaiDate(now);
    const deadline = await this.deadlineFor(home, day);
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
    const reported = fault ? await this.insertFault(fault) : null;
    return { ...this.checkView(check), fault: reported ? this.faultView(reported) : null };
  }

  /** A fault found in use (or at a check); out of service → the home's directory marks it. */
  async reportFault(
    homeId: string,
    equipmentId: string,
    input: { faultId?: string; description: string; outOfService: boolean },
    by: Principal,
  ) {
    const home = await this.homes.homeFor(homeId, by);
    const equipment = findEquipment(home, equipmentId);
    // a retry of a fault already recorded: finish what the first attempt may have left undone
    const existing = input.faultId ? (await this.faults.get(input.faultId))?.value : undefined;
    if (existing) return this.faultView(await this.alreadyRecorded(existing, homeId, equipmentId));
    const fault = newFault(
      home,
      equipment,
      { faultId: input.faultId ?? `flt-${randomUUID()}`, description: input.description, outOfService: input.outOfService, checkId: null },
      by.sub,
      this.clock.now(),
    );
    return this.faultView(await this.insertFault(fault));
  }

  async repair(homeId: string, equipmentId: string, faultId: string, notes: string | null, by: Principal) {
    await this.homes.homeFor(homeId, by);
    const notFound = () => DomainError.notFound('FaultNotFound', `equipment ${equipmentId} of home ${homeId} has no fault ${faultId}`);
    const first = (await this.faults.get(faultId))?.value;
    if (!first || first.homeId !== homeId || first.equipmentId !== equipmentId) throw notFound();
    // repaired already (a retry): still put the equipment back if the first attempt did not
    if (first.status !== 'open') await this.applyToEquipment(first);
    const { state } = await this.faults.store.change(
      faultId,
      (current) => {
        const now = this.clock.now();
        return { next: repairFault(current, notes, by.sub, now), changes: [{ type: 'repaired', at: now }] };
      },
      notFound,
    );
    await this.applyToEquipment(state);
    return this.faultView(state);
  }

  /** What was checked on a day, what is missing, and the open faults. */
  async view(homeId: string, date: string | undefined, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const day = date ?? shanghaiDate(now);
    if (!isLocalDate(day)) throw DomainError.invalid('InvalidDate', `date ${day} is not a date (YYYY-MM-DD)`, { field: 'date' });
    const deadline = await this.deadlineFor(home, day);
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
        checks: (doc?.checks ?? []).filter((c) => c.equipmentId === e.equipmentId).map((c) => this.checkView(c)),
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
      openFaults: openFaults.map((f) => this.faultView(f)),
    };
  }

  private async insertFault(fault: EquipmentFault): Promise<EquipmentFault> {
    if (!(await this.faults.store.create(fault, [{ type: 'reported' }]))) {
      const existing = (await this.faults.get(fault.faultId))!.value;
      return this.alreadyRecorded(existing, fault.homeId, fault.equipmentId);
    }
    await this.applyToEquipment(fault);
    return fault;
  }

  /** The same fault reported again: its effect on the equipment applied (idempotent); another equipment's fault id is 409. */
  private async alreadyRecorded(existing: EquipmentFault, homeId: string, equipmentId: string): Promise<EquipmentFault> {
    if (existing.homeId !== homeId || existing.equipmentId !== equipmentId)
      throw DomainError.conflict('FaultExists', `fault ${existing.faultId} is already recorded for other equipment`, {
        faultId: existing.faultId,
      });
    await this.applyToEquipment(existing);
    return existing;
  }

  /** An out-of-service fault keeps the equipment out of service while open; its repair takes it off the open set. */
  private async applyToEquipment(fault: EquipmentFault): Promise<void> {
    if (fault.outOfService) await this.homes.setInService(fault.homeId, fault.equipmentId, fault.status !== 'open', fault.faultId);
  }

  private async changeDay(home: FuneralHome, day: string, update: (doc: MaintenanceDay) => MaintenanceDay): Promise<MaintenanceDay> {
    const { state } = await this.days.store.upsert(maintenanceDayId(home.homeId, day), (current) => ({
      next: update(current ?? emptyMaintenanceDay(home, day)),
      changes: [],
    }));
    return state!;
  }

  private checkView(c: MaintenanceCheck) {
    return {
      ...c,
      checkedAt: c.checkedAt.toISOString(),
      kindLabel: EQUIPMENT_KIND_LABELS[c.kind],
      resultLabel: CHECK_RESULT_LABELS[c.result],
    };
  }

  faultView(f: EquipmentFault) {
    return {
      ...f,
      reportedAt: f.reportedAt.toISOString(),
      repairedAt: f.repairedAt?.toISOString() ?? null,
      kindLabel: EQUIPMENT_KIND_LABELS[f.kind],
      statusLabel: FAULT_STATUS_LABELS[f.status],
    };
  }
}
