import { divisionAncestors, DomainError, isLocalTime, maskName } from '@civil/kernel';

/**
 * A funeral home (殡仪馆) and what it works with: body-transport vehicles (遗体接运车), cremators
 * (火化炉) with their operating hours, cold-storage slots (冷柜), body carts (遗体安放板车), staff
 * (including recalled retirees), and orders that extend cremation hours (延长火化时间).
 */
export interface DailyHours {
  /** HH:mm, Beijing. */
  start: string;
  /** HH:mm, Beijing; '24:00' for midnight. */
  end: string;
}

export interface Equipment {
  equipmentId: string;
  kind: 'vehicle' | 'cremator';
  name: string;
  /** Cremators only: regular operating hours. */
  hours: DailyHours | null;
  /** Derived: false while any out-of-service fault is open. */
  inService: boolean;
  /** The open out-of-service faults, oldest first; out of service while any is open. */
  openFaultIds: string[];
  /** The first of `openFaultIds` (shown; kept for older readers), or null. */
  openFaultId: string | null;
}

export interface HoursExtension {
  orderId: string;
  /** Cremators it applies to; empty: every cremator of the home. */
  crematorIds: string[];
  /** First and last day (Beijing) it applies. */
  from: string;
  to: string;
  hours: DailyHours;
  reason: string;
  orderedBy: string;
  orderedAt: Date;
}

export const STAFF_ROLES = ['dispatcher', 'driver', 'operator', 'manager', 'resident-engineer', 'disinfection'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  dispatcher: '调度员',
  driver: '接运司机',
  operator: '火化操作工',
  manager: '馆长/管理人员',
  'resident-engineer': '厂家驻场工程师',
  disinfection: '消杀人员',
};

export interface StaffMember {
  staffId: string;
  /** The name, encrypted (FieldCipher); never shown. */
  nameEnc: string;
  /** The name as shown (maskName). */
  nameMasked: string;
  role: StaffRole;
  /** A retiree recalled for the emergency (返聘). */
  recalledRetiree: boolean;
  active: boolean;
}

export interface FuneralHome {
  homeId: string;
  name: string;
  divisionCode: string;
  divisionAncestors: string[];
  /** When the home is open to the public (disinfection rounds run during it). */
  openingHours: DailyHours;
  coldStorageSlots: number;
  bodyCarts: number;
  /** Crowded areas disinfected every 2 hours during opening time (告别厅, 候灵区 …). */
  crowdedAreas: string[];
  equipment: Equipment[];
  extensions: HoursExtension[];
  staff: StaffMember[];
  registeredAt: Date;
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export function checkHours(hours: DailyHours, field: string): DailyHours {
  const valid = (t: string) => isLocalTime(t) || t === '24:00';
  if (!valid(hours.start) || !valid(hours.end) || minutesOf(hours.end) <= minutesOf(hours.start)) {
    throw DomainError.invalid('InvalidHours', `${field} must be {start, end} in HH:mm with start before end`, { field });
  }
  return hours;
}

export function newHome(
  input: Omit<FuneralHome, 'divisionAncestors' | 'equipment' | 'extensions' | 'staff' | 'registeredAt'>,
  now: Date,
): FuneralHome {
  if (input.divisionCode.length < 6)
    throw DomainError.invalid('DivisionTooCoarse', 'a funeral home sits in a county or below: divisionCode needs at least 6 digits', {
      field: 'divisionCode',
    });
  checkHours(input.openingHours, 'openingHours');
  return {
    ...input,
    divisionAncestors: divisionAncestors(input.divisionCode),
    equipment: [],
    extensions: [],
    staff: [],
    registeredAt: now,
  };
}

export function addEquipment(home: FuneralHome, e: Omit<Equipment, 'inService' | 'openFaultId' | 'openFaultIds'>): FuneralHome {
  if (home.equipment.some((x) => x.equipmentId === e.equipmentId))
    throw DomainError.conflict('EquipmentExists', `equipment ${e.equipmentId} is already registered`);
  if (e.kind === 'cremator' && !e.hours)
    throw DomainError.invalid('HoursRequired', 'a cremator needs its operating hours', { field: 'hours' });
  if (e.hours) checkHours(e.hours, 'hours');
  return {
    ...home,
    equipment: [
      ...home.equipment,
      { ...e, hours: e.kind === 'cremator' ? e.hours : null, inService: true, openFaultIds: [], openFaultId: null },
    ],
  };
}

export function findEquipment(home: FuneralHome, equipmentId: string): Equipment {
  const e = home.equipment.find((x) => x.equipmentId === equipmentId);
  if (!e) throw DomainError.notFound('EquipmentNotFound', `home ${home.homeId} has no equipment ${equipmentId}`);
  return e;
}

/** The open out-of-service faults of a piece of equipment (a record from before the set: its single fault). */
export function openFaultsOf(e: Pick<Equipment, 'openFaultId'> & { openFaultIds?: string[] }): string[] {
  return e.openFaultIds ?? (e.openFaultId ? [e.openFaultId] : []);
}

/**
 * A fault opens (`inService` false) or is repaired (`inService` true): the set of open faults
 * changes and being in service follows from it, so repairing one of two faults keeps the
 * equipment out of service. Applying the same change twice changes nothing (retries). Putting it
 * back without a fault id clears every fault.
 */
export function setInService(home: FuneralHome, equipmentId: string, inService: boolean, faultId: string | null): FuneralHome {
  findEquipment(home, equipmentId);
  const change = (e: Equipment): Equipment => {
    const open = openFaultsOf(e);
    if (!inService && !faultId) return { ...e, inService: false, openFaultIds: open, openFaultId: open[0] ?? null };
    const next = inService ? (faultId ? open.filter((id) => id !== faultId) : []) : open.includes(faultId!) ? open : [...open, faultId!];
    return { ...e, inService: next.length === 0, openFaultIds: next, openFaultId: next[0] ?? null };
  };
  return { ...home, equipment: home.equipment.map((e) => (e.equipmentId === equipmentId ? change(e) : e)) };
}

export function addExtension(home: FuneralHome, ext: HoursExtension): FuneralHome {
  if (home.extensions.some((x) => x.orderId === ext.orderId))
    throw DomainError.conflict('OrderExists', `extension order ${ext.orderId} is already recorded`);
  if (ext.to < ext.from) throw DomainError.invalid('InvalidPeriod', 'to must not be before from', { field: 'to' });
  checkHours(ext.hours, 'hours');
  for (const id of ext.crematorIds)
    if (findEquipment(home, id).kind !== 'cremator')
      throw DomainError.invalid('NotACremator', `${id} is not a cremator`, { field: 'crematorIds' });
  return { ...home, extensions: [...home.extensions, ext] };
}

/**
 * A cremator's hours on a day: its regular hours, widened by every extension order in force that
 * day (the widest start and end win). Null when it is not a cremator.
 */
export function crematorHoursOn(home: FuneralHome, crematorId: string, day: string): DailyHours | null {
  const c = findEquipment(home, crematorId);
  if (c.kind !== 'cremator' || !c.hours) return null;
  let { start, end } = c.hours;
  for (const x of home.extensions) {
    if (x.from > day || x.to < day || (x.crematorIds.length && !x.crematorIds.includes(crematorId))) continue;
    if (minutesOf(x.hours.start) < minutesOf(start)) start = x.hours.start;
    if (minutesOf(x.hours.end) > minutesOf(end)) end = x.hours.end;
  }
  return { start, end };
}

export type NewStaffMember = Omit<StaffMember, 'active' | 'nameEnc' | 'nameMasked'> & { name: string };

/** Adds a staff member, the name stored encrypted (`encrypt`) and masked, never in plain text. */
export function addStaff(home: FuneralHome, s: NewStaffMember, encrypt: (plain: string) => string): FuneralHome {
  if (home.staff.some((x) => x.staffId === s.staffId))
    throw DomainError.conflict('StaffExists', `staff ${s.staffId} is already registered`);
  const { name, ...rest } = s;
  return { ...home, staff: [...home.staff, { ...rest, nameEnc: encrypt(name), nameMasked: maskName(name), active: true }] };
}

/** A staff member as shown: the masked name only (a record from before encryption is masked here). */
export function staffView(s: StaffMember & { name?: string }) {
  const { nameEnc: _enc, nameMasked, name, ...rest } = s;
  return { ...rest, name: nameMasked ?? (name ? maskName(name) : null), roleLabel: STAFF_ROLE_LABELS[s.role] };
}

/** A home as shown: staff names masked. */
export function homeView(home: FuneralHome) {
  return { ...home, staff: home.staff.map(staffView) };
}
