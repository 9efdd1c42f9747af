import type { AppointmentCancellationCause, UnitType } from '@civil/contracts';
import {
  addDays,
  DayHours,
  DomainError,
  isLocalDate,
  maskPhone,
  Slot,
  slotGrid as staggeredSlots,
  slotInstant,
  slotOnGrid,
} from '@civil/kernel';

/**
 * Marriage registration (婚姻登记) at a service window: appointments by telephone or at the desk
 * (电话预约), spread over staggered slots (错时办理) with a cap per slot, and days the window does
 * not serve announced ahead by a notice (关于取消2020年2月2日婚姻登记工作的公告, seed 002).
 *
 * booked → checked-in (the couple came)
 * booked → no-show (the slot ended and nobody came)
 * booked → cancelled (withdrawn, or by a suspension notice for its day)
 */
export type AppointmentStatus = 'booked' | 'checked-in' | 'no-show' | 'cancelled';

/** The unit type that takes marriage-registration appointments. */
export const MARRIAGE_REGISTRY_UNIT_TYPE: UnitType = 'service-window';

/** Appointments are taken up to this many days ahead. */
export const APPOINTMENT_HORIZON_DAYS = 60;

/** Regional settings read for the window's division and the appointment day. */
export interface WindowPolicy {
  openHour: number;
  closeHour: number;
  slotMinutes: number;
  /** Couples per slot. */
  slotCapacity: number;
  /** A suspension must be announced at least this many days before the day. */
  noticeDays: number;
}

/** The person to call about the appointment: personal data, stored, shown masked, never published. */
export interface AppointmentContact {
  name: string;
  phone: string;
}

export interface Appointment {
  appointmentRef: string;
  date: string;
  slotStart: string;
  slotEnd: string;
  status: AppointmentStatus;
  contact: AppointmentContact;
  bookedAt: Date;
  bookedBy: string;
  cancellation?: { at: Date; by: string; cause: AppointmentCancellationCause; reason: string; noticeId: string | null };
  checkedInAt?: Date;
  noShowAt?: Date;
  closedBy?: string;
}

export interface Suspension {
  noticeId: string;
  reason: string;
  announcedAt: Date;
  announcedBy: string;
  daysAhead: number;
}

/** One window's day: its appointments and, if the day is suspended, the notice. */
export interface WindowDay {
  /** `<unitId>:<date>` */
  dayId: string;
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  date: string;
  appointments: Appointment[];
  suspension: Suspension | null;
}

export type WindowDayChange =
  { type: 'suspended'; at: Date } | { type: 'cancelled'; appointmentRef: string; cause: AppointmentCancellationCause; at: Date };

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: '已预约 (booked)',
  'checked-in': '已到场办理 (checked in)',
  'no-show': '未到场 (no-show)',
  cancelled: '已取消 (cancelled)',
};

export const CANCELLATION_CAUSE_LABELS: Record<AppointmentCancellationCause, string> = {
  withdrawn: '预约人或窗口取消 (withdrawn)',
  'day-suspended': '当日暂停办理 (day suspended)',
};

export const WINDOW_REFUSAL_LABELS = {
  NotAMarriageRegistry: '该单位不是婚姻登记窗口 (not a marriage-registration window)',
  DaySuspended: '当日暂停办理婚姻登记 (the day is suspended)',
  SlotNotOnGrid: '不是可预约的办理时段 (not an appointment slot)',
  SlotInPast: '办理时段已过 (the slot is over)',
  DateTooFarAhead: '超出可预约天数 (too far ahead)',
  SlotFull: '该时段预约已满 (slot full)',
  AppointmentNotFound: '无此预约 (no such appointment)',
  AppointmentNotBooked: '预约已取消、已办理或已记未到 (appointment is no longer booked)',
  NotAppointmentDay: '不是预约的办理日 (not the appointment day)',
  SlotNotOver: '时段尚未结束，不能记为未到 (the slot has not ended)',
  NoticeTooLate: '暂停办理须提前公告 (the suspension is announced too late)',
  AlreadySuspended: '当日已公告暂停办理 (the day is already suspended)',
} as const;

export type WindowRefusal = keyof typeof WINDOW_REFUSAL_LABELS;

function refuse(code: WindowRefusal, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.conflict(code, `${message} — ${WINDOW_REFUSAL_LABELS[code]}`, details);
}

export function windowDayId(unitId: string, date: string): string {
  return `${unitId}:${date}`;
}

/** A new, empty day of a window. */
export function emptyDay(
  unit: { unitId: string; unitType: UnitType; divisionCode: string; divisionAncestors: string[] },
  date: string,
): WindowDay {
  return {
    dayId: windowDayId(unit.unitId, date),
    unitId: unit.unitId,
    unitType: unit.unitType,
    divisionCode: unit.divisionCode,
    divisionAncestors: unit.divisionAncestors,
    date,
    appointments: [],
    suspension: null,
  };
}

/** Marriage registration is booked at a service window only. */
export function assertMarriageRegistry(unit: { unitId: string; unitType: UnitType }): void {
  if (unit.unitType !== MARRIAGE_REGISTRY_UNIT_TYPE) {
    throw refuse('NotAMarriageRegistry', `unit ${unit.unitId} is a ${unit.unitType}; marriage registration is booked at a service window`, {
      rule: 'unit-type',
      unitType: unit.unitType,
    });
  }
}

export type { Slot };
export { slotInstant };

type WindowHours = Pick<WindowPolicy, 'openHour' | 'closeHour' | 'slotMinutes'>;
const hoursOf = (p: WindowHours): DayHours => ({ startHour: p.openHour, endHour: p.closeHour, slotMinutes: p.slotMinutes });

/** The day's staggered slots from the opening to the closing hour; a slot running past closing is not offered. */
export function slotGrid(policy: WindowHours): Slot[] {
  return staggeredSlots(hoursOf(policy));
}

export function slotAt(policy: WindowPolicy, slotStart: string): Slot {
  return slotOnGrid(hoursOf(policy), slotStart, 'an appointment slot');
}

/** Days between two Beijing dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function checkDate(date: string, today: string): void {
  if (!isLocalDate(date)) throw DomainError.invalid('InvalidDate', `date ${date} is not a date (YYYY-MM-DD)`, { field: 'date' });
  if (date < today) throw refuse('SlotInPast', `date ${date} is in the past (today in Beijing time is ${today})`, { date });
  const last = addDays(today, APPOINTMENT_HORIZON_DAYS);
  if (date > last) {
    throw DomainError.invalid('DateTooFarAhead', `appointments are taken at most ${APPOINTMENT_HORIZON_DAYS} days ahead (until ${last})`, {
      field: 'date',
    });
  }
}

function assertNotSuspended(day: WindowDay): void {
  if (day.suspension) {
    throw refuse(
      'DaySuspended',
      `${day.unitId} does not serve on ${day.date} (notice ${day.suspension.noticeId}: ${day.suspension.reason})`,
      {
        rule: 'day-suspended',
        date: day.date,
        noticeId: day.suspension.noticeId,
      },
    );
  }
}

export function holdsPlace(a: Pick<Appointment, 'status'>): boolean {
  return a.status !== 'cancelled';
}

export interface BookAppointment {
  appointmentRef: string;
  date: string;
  slotStart: string;
  contact: AppointmentContact;
}

/** Books a couple into a slot of the day, or refuses naming the rule. */
export function bookAppointment(day: WindowDay, request: BookAppointment, policy: WindowPolicy, now: Date, today: string, by: string) {
  checkDate(request.date, today);
  assertNotSuspended(day);
  const slot = slotAt(policy, request.slotStart);
  if (now.getTime() >= slotInstant(request.date, slot.end).getTime()) {
    throw refuse('SlotInPast', `the slot ${request.date} ${slot.start}–${slot.end} is over`, { date: request.date, slotStart: slot.start });
  }
  const inSlot = day.appointments.filter((a) => holdsPlace(a) && a.slotStart === slot.start).length;
  if (inSlot >= policy.slotCapacity) {
    throw refuse('SlotFull', `the slot ${request.date} ${slot.start}–${slot.end} has its ${policy.slotCapacity} appointments`, {
      rule: 'appointment-slot-capacity',
      cap: policy.slotCapacity,
    });
  }
  const appointment: Appointment = {
    appointmentRef: request.appointmentRef,
    date: request.date,
    slotStart: slot.start,
    slotEnd: slot.end,
    status: 'booked',
    contact: request.contact,
    bookedAt: now,
    bookedBy: by,
  };
  return { day: { ...day, appointments: [...day.appointments, appointment] }, appointment };
}

export function findAppointment(day: WindowDay | undefined, ref: string): Appointment {
  const a = day?.appointments.find((x) => x.appointmentRef === ref);
  if (!a)
    throw DomainError.notFound('AppointmentNotFound', `no appointment ${ref} — ${WINDOW_REFUSAL_LABELS.AppointmentNotFound}`, { ref });
  return a;
}

function assertBooked(a: Appointment, action: string): void {
  if (a.status !== 'booked') {
    throw refuse('AppointmentNotBooked', `appointment ${a.appointmentRef} is ${a.status}; only a booked appointment can be ${action}`, {
      status: a.status,
    });
  }
}

function replace(day: WindowDay, next: Appointment): WindowDay {
  return { ...day, appointments: day.appointments.map((a) => (a.appointmentRef === next.appointmentRef ? next : a)) };
}

/** Withdraws a booked appointment (the couple phones, or the desk), freeing its place. */
export function cancelAppointment(day: WindowDay, ref: string, reason: string, by: string, now: Date) {
  const a = findAppointment(day, ref);
  assertBooked(a, 'cancelled');
  const next: Appointment = { ...a, status: 'cancelled', cancellation: { at: now, by, cause: 'withdrawn', reason, noticeId: null } };
  return { day: replace(day, next), appointment: next };
}

/** The couple came to the window on their day. */
export function checkIn(day: WindowDay, ref: string, today: string, by: string, now: Date) {
  const a = findAppointment(day, ref);
  assertBooked(a, 'checked in');
  if (a.date !== today) throw refuse('NotAppointmentDay', `appointment ${ref} is for ${a.date}, today is ${today}`, { date: a.date });
  const next: Appointment = { ...a, status: 'checked-in', checkedInAt: now, closedBy: by };
  return { day: replace(day, next), appointment: next };
}

/** Nobody came: recorded once the slot has ended. */
export function markNoShow(day: WindowDay, ref: string, by: string, now: Date) {
  const a = findAppointment(day, ref);
  assertBooked(a, 'marked a no-show');
  if (now.getTime() < slotInstant(a.date, a.slotEnd).getTime()) {
    throw refuse('SlotNotOver', `appointment ${ref}'s slot ends at ${a.slotEnd} on ${a.date}`, { slotEnd: a.slotEnd });
  }
  const next: Appointment = { ...a, status: 'no-show', noShowAt: now, closedBy: by };
  return { day: replace(day, next), appointment: next };
}

/**
 * Suspends the day by a notice published now: at least `noticeDays` before it (Beijing calendar).
 * Every booked appointment on it is cancelled by the notice, each with its own change (the people
 * holding them are to be told). The same notice again changes nothing.
 */
export function suspendDay(
  day: WindowDay,
  notice: { noticeId: string; reason: string },
  noticeDays: number,
  today: string,
  by: string,
  now: Date,
): { day: WindowDay; changes: WindowDayChange[] } | undefined {
  if (day.suspension) {
    if (day.suspension.noticeId === notice.noticeId) return undefined;
    throw refuse('AlreadySuspended', `${day.unitId} is already suspended on ${day.date} by notice ${day.suspension.noticeId}`, {
      noticeId: day.suspension.noticeId,
    });
  }
  const daysAhead = daysBetween(today, day.date);
  if (daysAhead < noticeDays) {
    throw refuse(
      'NoticeTooLate',
      `a suspension of ${day.date} must be announced at least ${noticeDays} days ahead (by ${addDays(day.date, -noticeDays)}); today is ${today}`,
      { rule: 'suspension-notice-days', noticeDays, latest: addDays(day.date, -noticeDays) },
    );
  }
  const changes: WindowDayChange[] = [{ type: 'suspended', at: now }];
  const appointments = day.appointments.map((a) => {
    if (a.status !== 'booked') return a;
    changes.push({ type: 'cancelled', appointmentRef: a.appointmentRef, cause: 'day-suspended', at: now });
    return {
      ...a,
      status: 'cancelled' as const,
      cancellation: { at: now, by, cause: 'day-suspended' as const, reason: notice.reason, noticeId: notice.noticeId },
    };
  });
  return {
    day: { ...day, appointments, suspension: { ...notice, announcedAt: now, announcedBy: by, daysAhead } },
    changes,
  };
}

/** Appointment refs carry their day and slot: ma-20260202-0930-1a2b3c4d. */
export function appointmentRefFor(date: string, slotStart: string, suffix: string): string {
  return `ma-${date.replace(/-/g, '')}-${slotStart.replace(':', '')}-${suffix}`;
}

export function dateOfAppointmentRef(ref: string): string | undefined {
  const m = /^ma-(\d{4})(\d{2})(\d{2})-\d{4}-[a-z0-9]{4,32}$/.exec(ref);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

export function appointmentView(a: Appointment) {
  return {
    appointmentRef: a.appointmentRef,
    date: a.date,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    status: a.status,
    statusLabel: APPOINTMENT_STATUS_LABELS[a.status],
    contact: { name: a.contact.name, phone: maskPhone(a.contact.phone) },
    bookedAt: a.bookedAt,
    ...(a.cancellation ? { cancellation: { ...a.cancellation, causeLabel: CANCELLATION_CAUSE_LABELS[a.cancellation.cause] } } : {}),
    ...(a.checkedInAt ? { checkedInAt: a.checkedInAt } : {}),
    ...(a.noShowAt ? { noShowAt: a.noShowAt } : {}),
  };
}

/** The day's slots with the places left, and the suspension if any. */
export function dayView(day: WindowDay, policy: WindowPolicy, now: Date) {
  const holding = day.appointments.filter(holdsPlace);
  return {
    unitId: day.unitId,
    date: day.date,
    slotMinutes: policy.slotMinutes,
    slotCapacity: policy.slotCapacity,
    suspended: day.suspension !== null,
    suspension: day.suspension,
    slots: slotGrid(policy).map((s) => {
      const booked = holding.filter((a) => a.slotStart === s.start).length;
      const remaining = Math.max(0, policy.slotCapacity - booked);
      const over = now.getTime() >= slotInstant(day.date, s.end).getTime();
      return { ...s, capacity: policy.slotCapacity, booked, remaining, open: !day.suspension && remaining > 0 && !over };
    }),
  };
}
