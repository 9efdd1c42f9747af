import { Injectable } from '@nestjs/common';
import { addDays, Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { SettingKey } from '../../regional-settings/domain/settings';
import {
  Booking,
  checkExplicitSlot,
  CrematorWindow,
  earliestFit,
  meetsDeadline,
  priorityFit,
  samePlacement,
  Slot,
  windowOf,
} from '../domain/placement';
import { CremationScheduleRepository, scheduleId } from '../infrastructure/cremation-schedule.repository';

/** Days ahead the scheduler looks for a free slot. */
export const SEARCH_DAYS = 14;
/** Days back whose bookings still count when not yet done (overdue cremations). */
export const LOOKBACK_DAYS = 7;

export interface PlaceRequest {
  caseId: string;
  infectious: boolean;
  cremateBy: Date | null;
  /** An explicit slot (dispatcher's choice); otherwise earliest fit. */
  explicit?: { crematorId: string; start: Date };
}

export interface Placed {
  booking: Booking;
  day: string;
  /** Non-infectious bookings an infectious case took the place of; the caller places them again. */
  displaced: { booking: Booking; day: string }[];
}

/**
 * Places cremations on a home's in-service cremators, within each cremator's hours of the day
 * (extension orders included), each taking `cremation-minutes`; one schedule document per home
 * and day, written by compare-and-set, so a cremator slot is never double-booked. Infectious
 * cases come first: if no free slot meets their deadline they displace non-infectious bookings.
 */
@Injectable()
export class CremationScheduler {
  constructor(
    private readonly schedules: CremationScheduleRepository,
    private readonly homes: HomeDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  cremationMinutes(home: FuneralHome, day: string): Promise<number> {
    return this.settings.valueFor('cremation-minutes', home.divisionCode, day);
  }

  /** In-service cremators' windows on a day. */
  windowsOn(home: FuneralHome, day: string): CrematorWindow[] {
    const out: CrematorWindow[] = [];
    for (const e of home.equipment) {
      if (e.kind !== 'cremator' || !e.inService) continue;
      const hours = this.homes.crematorHoursOn(home, e.equipmentId, day);
      if (hours) out.push(windowOf(e.equipmentId, day, hours));
    }
    return out;
  }

  async place(home: FuneralHome, req: PlaceRequest): Promise<Placed> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const minutes = await this.cremationMinutes(home, today);
    if (req.explicit) return this.placeExplicit(home, req, minutes, now);

    for (let d = 0; d < SEARCH_DAYS; d++) {
      const day = addDays(today, d);
      const windows = this.windowsOn(home, day);
      if (!windows.length) continue;
      const decided: { outcome: 'full' | 'too-late' | Placed } = { outcome: 'full' };
      await this.book(home.homeId, day, (bookings) => {
        const others = bookings.filter((b) => b.caseId !== req.caseId);
        const fit = earliestFit(windows, others, now, minutes);
        decided.outcome = !fit
          ? 'full'
          : !meetsDeadline(fit, req.cremateBy)
            ? 'too-late'
            : { booking: this.bookingOf(req, fit), day, displaced: [] };
        // the day full (try the next) or too late: nothing is booked
        return typeof decided.outcome === 'string' ? undefined : [...others, decided.outcome.booking];
      });
      const { outcome } = decided;
      if (outcome === 'too-late') return this.placeWithPriority(home, req, minutes, now);
      if (outcome !== 'full') return outcome;
    }
    if (req.cremateBy) return this.placeWithPriority(home, req, minutes, now);
    throw DomainError.conflict('NoCremationCapacity', `no free cremator slot at ${home.homeId} in the next ${SEARCH_DAYS} days`, {
      homeId: home.homeId,
    });
  }

  /** Removes a case's booking (cancellation, or before placing it again). */
  async unbook(homeId: string, day: string, caseId: string): Promise<void> {
    await this.changeDay(homeId, day, (bookings) => bookings.filter((b) => b.caseId !== caseId));
  }

  /** Removes exactly one placement (case, cremator, start) from a day, if it is there. */
  async unbookPlacement(homeId: string, day: string, placement: Pick<Booking, 'caseId' | 'crematorId' | 'start'>): Promise<void> {
    await this.changeDay(homeId, day, (bookings) => bookings.filter((b) => !samePlacement(b, placement)));
  }

  /** Whether the day holds this placement (read by key). */
  async holds(homeId: string, day: string, placement: Pick<Booking, 'caseId' | 'crematorId' | 'start'>): Promise<boolean> {
    return (await this.schedules.get(homeId, day)).value.bookings.some((b) => samePlacement(b, placement));
  }

  /** The cremation was logged: the booking stays (history) but no longer counts as backlog. */
  async markDone(homeId: string, day: string, caseId: string, at: Date): Promise<void> {
    await this.changeDay(homeId, day, (bookings) => bookings.map((b) => (b.caseId === caseId ? { ...b, doneAt: at } : b)));
  }

  /** Bookings from LOOKBACK_DAYS ago to SEARCH_DAYS ahead, by day. */
  async bookingsAround(homeId: string, now: Date): Promise<{ day: string; bookings: Booking[] }[]> {
    const today = shanghaiDate(now);
    const days = Array.from({ length: LOOKBACK_DAYS + SEARCH_DAYS }, (_, i) => addDays(today, i - LOOKBACK_DAYS));
    return (await this.schedules.days(homeId, days)).map((s) => ({ day: s.day, bookings: s.bookings }));
  }

  /** The earliest free slot for a new, non-infectious case, from already-read bookings. */
  nextFreeSlot(home: FuneralHome, byDay: { day: string; bookings: Booking[] }[], now: Date, minutes: number): Slot | null {
    const today = shanghaiDate(now);
    const booked = new Map(byDay.map((x) => [x.day, x.bookings]));
    for (let d = 0; d < SEARCH_DAYS; d++) {
      const day = addDays(today, d);
      const fit = earliestFit(this.windowsOn(home, day), booked.get(day) ?? [], now, minutes);
      if (fit) return fit;
    }
    return null;
  }

  private async placeExplicit(home: FuneralHome, req: PlaceRequest, minutes: number, now: Date): Promise<Placed> {
    const { crematorId, start } = req.explicit!;
    const slot: Slot = { crematorId, start, end: new Date(start.getTime() + minutes * 60_000) };
    if (!meetsDeadline(slot, req.cremateBy)) {
      throw DomainError.conflict(
        'InfectiousDeadlineMissed',
        `infectious protocol: the cremation must end by ${req.cremateBy!.toISOString()}; the slot asked for ends ${slot.end.toISOString()}`,
        { cremateBy: req.cremateBy!.toISOString() },
      );
    }
    const day = shanghaiDate(start);
    const windows = this.windowsOn(home, day);
    const booking = this.bookingOf(req, slot);
    await this.book(home.homeId, day, (bookings) => {
      checkExplicitSlot(windows, bookings, slot, now, req.caseId);
      return [...bookings.filter((b) => b.caseId !== req.caseId), booking];
    });
    return { booking, day, displaced: [] };
  }

  /** Infectious priority: take a slot before the deadline from non-infectious bookings. */
  private async placeWithPriority(home: FuneralHome, req: PlaceRequest, minutes: number, now: Date): Promise<Placed> {
    const cremateBy = req.cremateBy!;
    if (req.infectious) {
      for (let day = shanghaiDate(now); day <= shanghaiDate(cremateBy); day = addDays(day, 1)) {
        const windows = this.windowsOn(home, day);
        if (!windows.length) continue;
        const decided: { placed?: Placed } = {};
        await this.book(home.homeId, day, (bookings) => {
          const others = bookings.filter((b) => b.caseId !== req.caseId);
          const fit = priorityFit(windows, others, now, minutes, cremateBy);
          decided.placed = fit
            ? { booking: this.bookingOf(req, fit.slot), day, displaced: fit.displaced.map((b) => ({ booking: b, day })) }
            : undefined;
          return fit ? [...others.filter((b) => !fit.displaced.includes(b)), decided.placed!.booking] : undefined;
        });
        if (decided.placed) return decided.placed;
      }
    }
    throw DomainError.conflict(
      'InfectiousDeadlineUnreachable',
      `infectious protocol: no cremator of ${home.homeId} can finish this cremation by ${cremateBy.toISOString()} (order extended hours or propose another home)`,
      { homeId: home.homeId, cremateBy: cremateBy.toISOString() },
    );
  }

  private bookingOf(req: PlaceRequest, slot: Slot): Booking {
    return {
      caseId: req.caseId,
      crematorId: slot.crematorId,
      start: slot.start,
      end: slot.end,
      infectious: req.infectious,
      cremateBy: req.cremateBy,
      doneAt: null,
      placedAt: this.clock.now(),
    };
  }

  /** Changes a day's bookings (undefined: leave them); a day not written yet starts empty. */
  private async book(homeId: string, day: string, change: (b: Booking[]) => Booking[] | undefined): Promise<void> {
    await this.schedules.store.upsert(scheduleId(homeId, day), (current) => {
      const value = current ?? CremationScheduleRepository.empty(homeId, day);
      const next = change(value.bookings);
      return next ? { next: { ...value, bookings: next }, changes: [] } : undefined;
    });
  }

  /** Changes the bookings of a day already written; a change that changes nothing writes nothing. */
  private async changeDay(homeId: string, day: string, change: (b: Booking[]) => Booking[]): Promise<void> {
    await this.schedules.store.upsert(scheduleId(homeId, day), (current) => {
      if (!current) return undefined;
      const next = change(current.bookings);
      if (next.length === current.bookings.length && next.every((b, i) => b === current.bookings[i])) return undefined;
      return { next: { ...current, bookings: next }, changes: [] };
    });
  }
}
