import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import {
  Appointment,
  appointmentRefFor,
  appointmentView,
  assertMarriageRegistry,
  AppointmentContact,
  bookAppointment,
  cancelAppointment,
  checkIn,
  dateOfAppointmentRef,
  dayView,
  emptyDay,
  findAppointment,
  markNoShow,
  suspendDay,
  WindowDay,
  WindowDayChange,
  windowDayId,
  WindowPolicy,
} from '../domain/window-day';
import { WindowDayRepository } from '../infrastructure/window-day.repository';

export interface BookAppointmentInput {
  date: string;
  slotStart: string;
  contact: AppointmentContact;
}

type DayStep = (day: WindowDay, now: Date) => { day: WindowDay; appointment: Appointment; changes?: WindowDayChange[] };

/** Marriage registration (婚姻登记) at service windows: staggered appointments and suspended days. */
@Injectable()
export class ServiceWindowsService {
  constructor(
    private readonly days: WindowDayRepository,
    private readonly units: UnitDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The day's slots with the places left, and the suspension notice if the day is suspended. */
  async slots(unitId: string, date: string, by: Principal) {
    const unit = await this.window(unitId, by);
    checkDateShape(date);
    const [policy, day] = await Promise.all([this.policy(unit, date), this.days.get(unitId, date)]);
    return dayView(day ?? emptyDay(unit, date), policy, this.clock.now());
  }

  /** The day's appointments, contacts' phones masked. */
  async list(unitId: string, date: string, by: Principal) {
    await this.window(unitId, by);
    checkDateShape(date);
    return ((await this.days.get(unitId, date))?.appointments ?? []).map(appointmentView);
  }

  async book(unitId: string, input: BookAppointmentInput, by: Principal) {
    const unit = await this.window(unitId, by);
    checkDateShape(input.date);
    const policy = await this.policy(unit, input.date);
    const appointmentRef = appointmentRefFor(input.date, input.slotStart, randomBytes(4).toString('hex'));
    let booked: Appointment | undefined;
    await this.days.store.upsert(windowDayId(unitId, input.date), (current) => {
      const now = this.clock.now();
      const r = bookAppointment(
        current ?? emptyDay(unit, input.date),
        { ...input, appointmentRef },
        policy,
        now,
        shanghaiDate(now),
        by.sub,
      );
      booked = r.appointment;
      return { next: r.day, changes: [] };
    });
    return appointmentView(booked!);
  }

  async cancel(unitId: string, ref: string, reason: string, by: Principal) {
    const unit = await this.window(unitId, by);
    return this.step(unit, ref, (day, now) => {
      const r = cancelAppointment(day, ref, reason, by.sub, now);
      return { ...r, changes: [{ type: 'cancelled', appointmentRef: ref, cause: 'withdrawn', at: now }] };
    });
  }

  async checkIn(unitId: string, ref: string, by: Principal) {
    const unit = await this.window(unitId, by);
    return this.step(unit, ref, (day, now) => checkIn(day, ref, shanghaiDate(now), by.sub, now));
  }

  async noShow(unitId: string, ref: string, by: Principal) {
    const unit = await this.window(unitId, by);
    return this.step(unit, ref, (day, now) => markNoShow(day, ref, by.sub, now));
  }

  /**
   * Announces that the window does not serve on a day: refused when later than the regional notice
   * period allows; the day's booked appointments are cancelled in the same write, each published.
   */
  async suspend(unitId: string, notice: { noticeId: string; date: string; reason: string }, by: Principal) {
    const unit = await this.window(unitId, by);
    checkDateShape(notice.date);
    const noticeDays = await this.settings.valueFor('service-suspension-notice-days', unit.divisionCode, notice.date);
    const { state } = await this.days.store.upsert(windowDayId(unitId, notice.date), (current) => {
      const now = this.clock.now();
      const r = suspendDay(
        current ?? emptyDay(unit, notice.date),
        { noticeId: notice.noticeId, reason: notice.reason },
        noticeDays,
        shanghaiDate(now),
        by.sub,
        now,
      );
      return r && { next: r.day, changes: r.changes };
    });
    const day = state!;
    return {
      unitId,
      date: day.date,
      suspension: day.suspension,
      cancelledAppointmentRefs: day.appointments
        .filter((a) => a.cancellation?.cause === 'day-suspended' && a.cancellation.noticeId === notice.noticeId)
        .map((a) => a.appointmentRef),
    };
  }

  private async step(unit: Institution, ref: string, apply: DayStep) {
    const date = dateOfAppointmentRef(ref);
    if (!date) findAppointment(undefined, ref);
    let result: Appointment | undefined;
    await this.days.store.change(
      windowDayId(unit.unitId, date!),
      (day) => {
        const r = apply(day, this.clock.now());
        result = r.appointment;
        return { next: r.day, changes: r.changes ?? [] };
      },
      () => findAppointmentError(ref),
    );
    return appointmentView(result!);
  }

  /** The unit, when the caller may reach it (404 otherwise) and it is a marriage-registration window. */
  private async window(unitId: string, by: Principal): Promise<Institution> {
    const unit = await this.units.unitFor(unitId, by);
    assertMarriageRegistry(unit);
    return unit;
  }

  private async policy(unit: Institution, date: string): Promise<WindowPolicy> {
    const v = (key: SettingKey) => this.settings.valueFor(key, unit.divisionCode, date);
    const [openHour, closeHour, slotMinutes, slotCapacity, noticeDays] = await Promise.all([
      v('marriage-window-open-hour'),
      v('marriage-window-close-hour'),
      v('marriage-slot-minutes'),
      v('marriage-slot-capacity'),
      v('service-suspension-notice-days'),
    ]);
    return { openHour, closeHour, slotMinutes, slotCapacity, noticeDays };
  }
}

function checkDateShape(date: string | undefined): asserts date is string {
  if (date === undefined || !isLocalDate(date))
    throw DomainError.invalid('InvalidDate', 'date must be a date (YYYY-MM-DD)', { field: 'date' });
}

function findAppointmentError(ref: string): Error {
  try {
    findAppointment(undefined, ref);
  } catch (e) {
    return e as Error;
  }
  return new Error(ref);
}
