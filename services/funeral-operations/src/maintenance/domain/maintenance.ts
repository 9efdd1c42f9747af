import type { EquipmentKind } from '@civil/contracts';
import { addDays, DomainError, shanghaiInstant } from '@civil/kernel';
import { Equipment, FuneralHome } from '../../homes/domain/funeral-home';

/**
 * Daily maintenance checks (每日检修) of every vehicle and cremator, cremators together with the
 * manufacturer's resident engineer (设备厂家驻点保障), and the faults found or reported.
 *
 * Rules where the sources are silent (chosen here):
 * - A check counts for its Beijing day when it is recorded by the regional deadline
 *   (`maintenance-check-by-hour`, default 10:00). A later check is kept and shown as late, but the
 *   day is still a missed check: the sweep decides by the deadline, not by when it happened to run.
 * - Equipment out of service for an open fault when the sweep runs is exempt from the check: it is
 *   not used, and its repair is the inspection that puts it back. It needs its check again from the
 *   day it is back in service.
 * - A cremator's check names the home's staff member who did it and the resident engineer (a home
 *   staff member with role `resident-engineer`); a vehicle's check needs no engineer.
 * - One open out-of-service fault per equipment at a time: a second one is refused (409) until the
 *   first is repaired; faults that leave the equipment usable may be many.
 */
export const CHECK_RESULTS = ['ok', 'fault-found'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export const CHECK_RESULT_LABELS: Record<CheckResult, string> = { ok: '正常', 'fault-found': '发现故障' };

export const FAULT_STATUSES = ['open', 'repaired'] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];
export const FAULT_STATUS_LABELS: Record<FaultStatus, string> = { open: '待修复', repaired: '已修复' };

/** How one piece of equipment stands on a day, as the maintenance view shows it. */
export const CHECK_STATES = ['checked', 'checked-late', 'missed', 'pending', 'exempt'] as const;
export type CheckState = (typeof CHECK_STATES)[number];
export const CHECK_STATE_LABELS: Record<CheckState, string> = {
  checked: '已按时检修',
  'checked-late': '逾期检修',
  missed: '未检修',
  pending: '待检修',
  exempt: '停用维修中（免检）',
};

export interface MaintenanceCheck {
  checkId: string;
  equipmentId: string;
  kind: EquipmentKind;
  checkedAt: Date;
  /** The home's staff member who did the check. */
  staffId: string;
  /** The manufacturer's resident engineer (cremators). */
  engineerStaffId: string | null;
  items: string[];
  result: CheckResult;
  /** The fault the check found. */
  faultId: string | null;
  /** Recorded after the day's deadline. */
  late: boolean;
  recordedBy: string;
}

export interface MissedCheck {
  equipmentId: string;
  kind: EquipmentKind;
  detectedAt: Date;
}

/** One home's checks for one Beijing day (`maintenance_days`, id `<homeId>:<day>`). */
export interface MaintenanceDay {
  dayId: string;
  homeId: string;
  divisionCode: string;
  divisionAncestors: string[];
  day: string;
  checks: MaintenanceCheck[];
  missed: MissedCheck[];
}

export interface EquipmentFault {
  faultId: string;
  homeId: string;
  divisionCode: string;
  divisionAncestors: string[];
  equipmentId: string;
  kind: EquipmentKind;
  description: string;
  outOfService: boolean;
  status: FaultStatus;
  /** The check that found it, if any. */
  checkId: string | null;
  reportedAt: Date;
  reportedBy: string;
  repairedAt: Date | null;
  repairedBy: string | null;
  repairNotes: string | null;
}

export function maintenanceDayId(homeId: string, day: string): string {
  return `${homeId}:${day}`;
}

export function emptyMaintenanceDay(home: FuneralHome, day: string): MaintenanceDay {
  return {
    dayId: maintenanceDayId(home.homeId, day),
    homeId: home.homeId,
    divisionCode: home.divisionCode,
    divisionAncestors: home.divisionAncestors,
    day,
    checks: [],
    missed: [],
  };
}

/** The instant a day's checks are due: `byHour` o'clock Beijing time (24: midnight ending the day). */
export function checkDeadline(day: string, byHour: number): Date {
  if (!Number.isInteger(byHour) || byHour < 1 || byHour > 24) throw new RangeError(`maintenance-check-by-hour must be 1–24, not ${byHour}`);
  return byHour === 24 ? shanghaiInstant(addDays(day, 1), '00:00') : shanghaiInstant(day, `${String(byHour).padStart(2, '0')}:00`);
}

/** Who did the check: active staff of the home; cremators also need the resident engineer. */
export function checkCheckers(home: FuneralHome, equipment: Equipment, staffId: string, engineerStaffId: string | null): void {
  const staff = home.staff.find((s) => s.staffId === staffId && s.active);
  if (!staff)
    throw DomainError.invalid('UnknownStaff', `staffId ${staffId} is not active staff of home ${home.homeId}`, { field: 'staffId' });
  if (equipment.kind === 'cremator' && !engineerStaffId) {
    throw DomainError.invalid(
      'EngineerRequired',
      'a cremator is checked with the manufacturer’s resident engineer: engineerStaffId is required',
      { field: 'engineerStaffId' },
    );
  }
  if (engineerStaffId) {
    const engineer = home.staff.find((s) => s.staffId === engineerStaffId && s.active);
    if (!engineer || engineer.role !== 'resident-engineer') {
      throw DomainError.invalid(
        'NotAResidentEngineer',
        `engineerStaffId ${engineerStaffId} is not an active resident engineer (厂家驻场工程师) of home ${home.homeId}`,
        { field: 'engineerStaffId' },
      );
    }
  }
}

export function addCheck(doc: MaintenanceDay, check: MaintenanceCheck): MaintenanceDay {
  if (doc.checks.some((c) => c.checkId === check.checkId))
    throw DomainError.conflict('CheckExists', `check ${check.checkId} is already recorded`);
  return { ...doc, checks: [...doc.checks, check] };
}

/** Whether the equipment counts as out of service for an open fault (exempt from the check). */
export function isExempt(e: Equipment): boolean {
  return !e.inService && e.openFaultId !== null;
}

/**
 * The equipment whose check for `day` is missing now: the deadline has passed, no check was
 * recorded by it, the miss is not recorded yet, and the equipment is not out of service for an
 * open fault.
 */
export function findMissedChecks(home: FuneralHome, doc: MaintenanceDay | undefined, day: string, now: Date, byHour: number): Equipment[] {
  const deadline = checkDeadline(day, byHour);
  if (now.getTime() <= deadline.getTime()) return [];
  const onTime = new Set((doc?.checks ?? []).filter((c) => c.checkedAt.getTime() <= deadline.getTime()).map((c) => c.equipmentId));
  const recorded = new Set((doc?.missed ?? []).map((m) => m.equipmentId));
  return home.equipment.filter((e) => !onTime.has(e.equipmentId) && !recorded.has(e.equipmentId) && !isExempt(e));
}

/** Adds the misses not recorded yet; returns the next state and the ones it added. */
export function recordMissed(doc: MaintenanceDay, found: readonly Equipment[], now: Date): { next: MaintenanceDay; added: MissedCheck[] } {
  const recorded = new Set(doc.missed.map((m) => m.equipmentId));
  const added = found
    .filter((e) => !recorded.has(e.equipmentId))
    .map((e) => ({ equipmentId: e.equipmentId, kind: e.kind, detectedAt: now }));
  return { next: { ...doc, missed: [...doc.missed, ...added] }, added };
}

/** How each piece of equipment stands on the day. */
export function checkState(e: Equipment, doc: MaintenanceDay | undefined, deadline: Date, now: Date): CheckState {
  const checks = (doc?.checks ?? []).filter((c) => c.equipmentId === e.equipmentId);
  if (checks.some((c) => c.checkedAt.getTime() <= deadline.getTime())) return 'checked';
  if ((doc?.missed ?? []).some((m) => m.equipmentId === e.equipmentId)) return checks.length ? 'checked-late' : 'missed';
  if (isExempt(e)) return 'exempt';
  if (checks.length) return 'checked-late';
  return now.getTime() > deadline.getTime() ? 'missed' : 'pending';
}

export function newFault(
  home: FuneralHome,
  e: Equipment,
  input: { faultId: string; description: string; outOfService: boolean; checkId: string | null },
  by: string,
  now: Date,
): EquipmentFault {
  if (input.outOfService && isExempt(e)) {
    throw DomainError.conflict(
      'AlreadyOutOfService',
      `equipment ${e.equipmentId} is already out of service for fault ${e.openFaultId}; repair it before reporting another fault that stops it`,
      { openFaultId: e.openFaultId },
    );
  }
  return {
    faultId: input.faultId,
    homeId: home.homeId,
    divisionCode: home.divisionCode,
    divisionAncestors: home.divisionAncestors,
    equipmentId: e.equipmentId,
    kind: e.kind,
    description: input.description,
    outOfService: input.outOfService,
    status: 'open',
    checkId: input.checkId,
    reportedAt: now,
    reportedBy: by,
    repairedAt: null,
    repairedBy: null,
    repairNotes: null,
  };
}

export function repairFault(fault: EquipmentFault, notes: string | null, by: string, now: Date): EquipmentFault {
  if (fault.status !== 'open')
    throw DomainError.conflict('FaultNotOpen', `fault ${fault.faultId} was already repaired at ${fault.repairedAt?.toISOString()}`);
  return { ...fault, status: 'repaired', repairedAt: now, repairedBy: by, repairNotes: notes };
}
