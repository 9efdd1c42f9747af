import { addDays, DomainError, maskPhone } from '@civil/kernel';
import { assertSlotNotOver, checkVisitDate, Slot, slotAt, slotGrid, VisitPolicy } from './visit-slots';

/**
 * A visit (探视) to a resident of a unit: registered ahead (预约) for a staggered slot, with the
 * visitor's health declaration; the visitor comes masked and is temperature-checked at the door.
 *
 * booked → arrived (checked in at the door)
 * booked → cancelled (frees its place in the slot)
 */
export type VisitStatus = 'booked' | 'arrived' | 'cancelled';

/** Visits that hold a place: in their slot, in the unit's day, in the resident's week. */
export const PLACE_HOLDING: readonly VisitStatus[] = ['booked', 'arrived'];

export const RELATIONS = ['spouse', 'child', 'grandchild', 'sibling', 'parent', 'relative', 'guardian', 'friend', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** The visitor: personal data, stored for tracing contacts, shown masked, never logged. */
export interface Visitor {
  name: string;
  phone: string;
  relation: Relation;
}

/** What the visitor declares when booking (健康申报). */
export interface HealthDeclaration {
  /** Fever, cough, sore throat, loss of smell or taste … in the last 14 days. */
  symptoms: boolean;
  /** Last measured temperature, °C (one decimal). */
  temperatureC?: number;
  /** Close contact of a suspected or confirmed case in the last 14 days (密切接触者). */
  closeContact?: boolean;
  /** For a registration at the desk: whether the visitor wears a mask now. */
  maskWorn?: boolean;
}

export interface Arrival {
  at: Date;
  by: string;
  temperatureC: number;
  maskWorn: true;
}

export interface Visit {
  visitId: string;
  unitId: string;
  residentId: string;
  date: string;
  slotStart: string;
  slotEnd: string;
  status: VisitStatus;
  visitor: Visitor;
  healthDeclaration: HealthDeclaration;
  bookedAt: Date;
  bookedBy: string;
  cancellation?: { at: Date; by: string; reason: string };
  arrival?: Arrival;
}

/** One unit's visits on one Beijing day. */
export interface VisitDay {
  unitId: string;
  date: string;
  visits: Visit[];
}

/** zh-CN labels a person reads, with the English beside them. */
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  booked: '已预约 (booked)',
  arrived: '已到访 (arrived)',
  cancelled: '已取消 (cancelled)',
};

export const RELATION_LABELS: Record<Relation, string> = {
  spouse: '配偶',
  child: '子女',
  grandchild: '孙子女/外孙子女',
  sibling: '兄弟姐妹',
  parent: '父母',
  relative: '其他亲属',
  guardian: '监护人',
  friend: '朋友',
  other: '其他',
};

/** Why a booking or a check-in is refused: the error code, with the zh-CN reason. */
export const VISIT_REFUSAL_LABELS = {
  UnitClosed: '机构实行封闭管理，暂停探视 (unit under closed management)',
  ResidentNotFound: '该机构无此服务对象 (no such resident in the unit)',
  ResidentCannotReceiveVisits: '服务对象当前状态不可探视 (resident cannot receive visits)',
  VisitorHasSymptoms: '探视人有发热、咳嗽等症状 (visitor reports symptoms)',
  VisitorFeverish: '探视人体温异常 (visitor temperature at or above the fever threshold)',
  VisitorCloseContact: '探视人为密切接触者 (visitor is a close contact)',
  MaskRequired: '探视人须佩戴口罩 (a mask is required)',
  SlotNotOnGrid: '不是可预约的探视时段 (not a visiting slot)',
  SlotInPast: '探视时段已过 (the slot is over)',
  DateTooFarAhead: '超出可预约天数 (too far ahead)',
  SlotFull: '该时段预约已满 (slot full)',
  UnitDailyCapReached: '机构当日探视人数已达上限 (unit daily cap reached)',
  ResidentWeeklyCapReached: '服务对象7日内探视次数已达上限 (resident weekly cap reached)',
  VisitNotFound: '无此探视预约 (no such visit)',
  VisitNotBooked: '探视预约已取消或已到访 (visit is no longer booked)',
  NotVisitDay: '不是预约的探视日 (not the visit day)',
} as const;

export type VisitRefusal = keyof typeof VISIT_REFUSAL_LABELS;

function refuse(code: VisitRefusal, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.conflict(code, `${message} — ${VISIT_REFUSAL_LABELS[code]}`, details);
}

/** Statuses of a resident who may receive visits (see residents/application/resident-directory.ts). */
export const VISITABLE_RESIDENT_STATUSES: readonly string[] = ['in-residence'];

export function assertResidentCanReceiveVisits(resident: { residentId: string; status: string }): void {
  if (!VISITABLE_RESIDENT_STATUSES.includes(resident.status)) {
    throw refuse('ResidentCannotReceiveVisits', `resident ${resident.residentId} is ${resident.status}`, {
      rule: 'resident-status',
      residentId: resident.residentId,
      status: resident.status,
    });
  }
}

export function feverish(temperatureC: number, thresholdTenthsC: number): boolean {
  return Math.round(temperatureC * 10) >= thresholdTenthsC;
}

/** Refuses a visitor who declares symptoms, a fever, close contact, or no mask. */
export function checkHealthDeclaration(d: HealthDeclaration, feverThresholdTenthsC: number): void {
  if (d.symptoms) throw refuse('VisitorHasSymptoms', 'the visitor declares symptoms', { rule: 'health-declaration' });
  if (d.temperatureC !== undefined && feverish(d.temperatureC, feverThresholdTenthsC)) {
    throw refuse('VisitorFeverish', `the visitor's temperature ${d.temperatureC} °C is at or above ${feverThresholdTenthsC / 10} °C`, {
      rule: 'fever-threshold',
      thresholdC: feverThresholdTenthsC / 10,
    });
  }
  if (d.closeContact) throw refuse('VisitorCloseContact', 'the visitor declares close contact with a case', { rule: 'health-declaration' });
  if (d.maskWorn === false) throw refuse('MaskRequired', 'the visitor wears no mask', { rule: 'mask' });
}

export function holdsPlace(v: Pick<Visit, 'status'>): boolean {
  return PLACE_HOLDING.includes(v.status);
}

export interface SlotView extends Slot {
  capacity: number;
  booked: number;
  remaining: number;
  /** Bookable now: room in the slot and the day, and not over. */
  open: boolean;
}

export interface DayView {
  unitId: string;
  date: string;
  slotMinutes: number;
  slotCapacity: number;
  dailyCap: number;
  dailyBooked: number;
  dailyRemaining: number;
  slots: SlotView[];
}

/** The day's slots with how many places each has left. */
export function dayView(day: VisitDay, policy: VisitPolicy, slotOver: (slot: Slot) => boolean): DayView {
  const holding = day.visits.filter(holdsPlace);
  const dailyRemaining = Math.max(0, policy.perUnitPerDay - holding.length);
  const slots = slotGrid(policy).map((s) => {
    const booked = holding.filter((v) => v.slotStart === s.start).length;
    const remaining = Math.max(0, policy.slotCapacity - booked);
    return { ...s, capacity: policy.slotCapacity, booked, remaining, open: remaining > 0 && dailyRemaining > 0 && !slotOver(s) };
  });
  return {
    unitId: day.unitId,
    date: day.date,
    slotMinutes: policy.slotMinutes,
    slotCapacity: policy.slotCapacity,
    dailyCap: policy.perUnitPerDay,
    dailyBooked: holding.length,
    dailyRemaining,
    slots,
  };
}

/**
 * The most visits the resident has in any 7 consecutive days that contain `date` (the windows
 * ending on date … date+6), counting the given visit days. A booking checks it before writing
 * (with its own visit added) and again after, against what others wrote meanwhile.
 */
export function busiestWeekAround(date: string, visitDates: readonly string[]): { count: number; from: string; to: string } {
  let best = { count: 0, from: addDays(date, -6), to: date };
  for (let k = 0; k < 7; k++) {
    const to = addDays(date, k);
    const from = addDays(to, -6);
    const count = visitDates.filter((d) => d >= from && d <= to).length;
    if (count > best.count) best = { count, from, to };
  }
  return best;
}

/** The days whose visits can share a 7-day window with a visit on `date`. */
export function weekNeighbourhood(date: string): string[] {
  return Array.from({ length: 13 }, (_, i) => addDays(date, i - 6));
}

export function assertWithinResidentWeeklyCap(
  residentId: string,
  date: string,
  visitDatesIncludingNew: readonly string[],
  cap: number,
): void {
  const week = busiestWeekAround(date, visitDatesIncludingNew);
  if (week.count > cap) {
    throw refuse(
      'ResidentWeeklyCapReached',
      `resident ${residentId} already has ${week.count - 1} visits from ${week.from} to ${week.to}; at most ${cap} in any 7 days`,
      {
        rule: 'visits-per-resident-per-week',
        cap,
        from: week.from,
        to: week.to,
      },
    );
  }
}

export interface BookVisit {
  visitId: string;
  residentId: string;
  date: string;
  slotStart: string;
  visitor: Visitor;
  healthDeclaration: HealthDeclaration;
}

/**
 * Books a visit into the unit's day, or refuses naming the rule. `residentVisitDates` are the
 * days of the resident's place-holding visits on the other days around the visit (see
 * weekNeighbourhood); those on the visit day are read from `day` itself.
 */
export function bookVisit(
  day: VisitDay,
  request: BookVisit,
  policy: VisitPolicy,
  residentVisitDates: readonly string[],
  today: string,
  now: Date,
  by: string,
): Visit {
  checkVisitDate(request.date, today);
  const slot = slotAt(policy, request.slotStart);
  assertSlotNotOver(request.date, slot, now);
  checkHealthDeclaration(request.healthDeclaration, policy.feverThresholdTenthsC);

  const holding = day.visits.filter(holdsPlace);
  const inSlot = holding.filter((v) => v.slotStart === slot.start).length;
  if (inSlot >= policy.slotCapacity) {
    throw refuse('SlotFull', `the slot ${request.date} ${slot.start}–${slot.end} has its ${policy.slotCapacity} visits`, {
      rule: 'visit-slot-capacity',
      cap: policy.slotCapacity,
    });
  }
  if (holding.length >= policy.perUnitPerDay) {
    throw refuse('UnitDailyCapReached', `unit ${day.unitId} has its ${policy.perUnitPerDay} visits on ${request.date}`, {
      rule: 'visits-per-unit-per-day',
      cap: policy.perUnitPerDay,
    });
  }
  const sameDay = holding.filter((v) => v.residentId === request.residentId).map((v) => v.date);
  const others = residentVisitDates.filter((d) => d !== request.date);
  assertWithinResidentWeeklyCap(request.residentId, request.date, [...others, ...sameDay, request.date], policy.perResidentPerWeek);

  return {
    visitId: request.visitId,
    unitId: day.unitId,
    residentId: request.residentId,
    date: request.date,
    slotStart: slot.start,
    slotEnd: slot.end,
    status: 'booked',
    visitor: request.visitor,
    healthDeclaration: request.healthDeclaration,
    bookedAt: now,
    bookedBy: by,
  };
}

/** Visit ids carry their day and slot, so a visit is found by key: v-20260302-0930-1a2b3c4d. */
export function visitIdFor(date: string, slotStart: string, suffix: string): string {
  return `v-${date.replace(/-/g, '')}-${slotStart.replace(':', '')}-${suffix}`;
}

/** The visit day a visit id names, or undefined for an id that is not one. */
export function dateOfVisitId(visitId: string): string | undefined {
  const m = /^v-(\d{4})(\d{2})(\d{2})-\d{4}-[a-z0-9]{4,32}$/.exec(visitId);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

export function findVisit(day: VisitDay | undefined, visitId: string): Visit {
  const visit = day?.visits.find((v) => v.visitId === visitId);
  if (!visit) throw DomainError.notFound('VisitNotFound', `no visit ${visitId} — ${VISIT_REFUSAL_LABELS.VisitNotFound}`, { visitId });
  return visit;
}

/** Cancels a booked visit, freeing its place. */
export function cancelVisit(visit: Visit, reason: string, by: string, now: Date): Visit {
  if (visit.status !== 'booked') {
    throw refuse('VisitNotBooked', `visit ${visit.visitId} is ${visit.status}; only a booked visit can be cancelled`, {
      status: visit.status,
    });
  }
  return { ...visit, status: 'cancelled', cancellation: { at: now, by, reason } };
}

/** Checks the visitor in at the door: on the visit day, masked, without fever. */
export function recordArrival(
  visit: Visit,
  check: { temperatureC: number; maskWorn: boolean },
  thresholdTenthsC: number,
  today: string,
  now: Date,
  by: string,
): Visit {
  if (visit.status !== 'booked') {
    throw refuse('VisitNotBooked', `visit ${visit.visitId} is ${visit.status}; only a booked visit can be checked in`, {
      status: visit.status,
    });
  }
  if (visit.date !== today)
    throw refuse('NotVisitDay', `visit ${visit.visitId} is booked for ${visit.date}, today is ${today}`, { date: visit.date });
  if (feverish(check.temperatureC, thresholdTenthsC)) {
    throw refuse('VisitorFeverish', `temperature ${check.temperatureC} °C at the door is at or above ${thresholdTenthsC / 10} °C`, {
      rule: 'fever-threshold',
      thresholdC: thresholdTenthsC / 10,
    });
  }
  if (!check.maskWorn) throw refuse('MaskRequired', 'the visitor must wear a mask to enter', { rule: 'mask' });
  return { ...visit, status: 'arrived', arrival: { at: now, by, temperatureC: check.temperatureC, maskWorn: true } };
}

/** What lists show of a visit: the phone masked. */
export function visitView(v: Visit) {
  return {
    visitId: v.visitId,
    unitId: v.unitId,
    residentId: v.residentId,
    date: v.date,
    slotStart: v.slotStart,
    slotEnd: v.slotEnd,
    status: v.status,
    statusLabel: VISIT_STATUS_LABELS[v.status],
    visitor: {
      name: v.visitor.name,
      phone: maskPhone(v.visitor.phone),
      relation: v.visitor.relation,
      relationLabel: RELATION_LABELS[v.visitor.relation],
    },
    healthDeclaration: v.healthDeclaration,
    bookedAt: v.bookedAt,
    bookedBy: v.bookedBy,
    ...(v.cancellation ? { cancellation: v.cancellation } : {}),
    ...(v.arrival ? { arrival: v.arrival } : {}),
  };
}

export type VisitView = ReturnType<typeof visitView>;
