import { Injectable } from '@nestjs/common';
import { addDays, Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { SettingKey } from '../../regional-settings/domain/settings';
import { hoursAvailable, hoursQueued, HomeLoad, rankAlternatives, ratioOf } from '../domain/capacity';
import { CrematorWindow, expectedWaitMinutes } from '../domain/placement';
import { CustodyClaimsRepository, slotClaim } from '../infrastructure/custody-claims.repository';
import { CremationScheduler } from './cremation-scheduler';

/** Digits of the division code that make a home's region for alternatives: the city (市). */
export const ALTERNATIVES_REGION_DIGITS = 4;

export interface HomeFigures {
  homeId: string;
  name: string;
  divisionCode: string;
  coldStorage: { occupied: number; slots: number; ratio: number };
  backlog: { hoursQueued: number; hoursAvailable: number; ratio: number; waitingCases: number; placedCases: number };
  expectedWaitMinutes: number | null;
  /** Case ids in cold storage without a cremation booked (the queue's waiting list). */
  waitingCaseIds: string[];
}

/** Another home of the region with its load and free slots. */
export type Alternative = HomeLoad & { name: string; divisionCode: string; freeSlots: number };

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** A home's figures without its waiting list (what is shown beyond the home). */
export function publicFigures(f: HomeFigures): Omit<HomeFigures, 'waitingCaseIds'> {
  const { waitingCaseIds: _ignored, ...rest } = f;
  return rest;
}

/**
 * What the capacity use cases share: a home's figures (cold storage, cremation backlog, expected
 * wait) read now by key, and the other homes of its region with free capacity, best first.
 */
@Injectable()
export class CapacityFigures {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** A home's figures now, read by key (slot claims, schedule days). */
  async figures(home: FuneralHome, now = this.clock.now()): Promise<HomeFigures> {
    const today = shanghaiDate(now);
    const slotKeys = Array.from({ length: home.coldStorageSlots }, (_, i) => slotClaim(home.homeId, i + 1));
    const [holders, byDay, minutes, horizon] = await Promise.all([
      this.claims.holders(slotKeys),
      this.scheduler.bookingsAround(home.homeId, now),
      this.scheduler.cremationMinutes(home, today),
      this.settings.valueFor('backlog-horizon-hours', home.divisionCode, today),
    ]);
    const bookings = byDay.flatMap((d) => d.bookings);
    const booked = new Set(bookings.map((b) => b.caseId));
    const waitingCaseIds = [...holders.values()].filter((c) => !booked.has(c)).sort();
    const pending = bookings.filter((b) => !b.doneAt);
    const windows: CrematorWindow[] = [];
    for (let d = -1; d <= Math.ceil(horizon / 24); d++) windows.push(...this.scheduler.windowsOn(home, addDays(today, d)));
    const queued = hoursQueued(pending, waitingCaseIds.length, minutes);
    const available = hoursAvailable(windows, now, horizon);
    return {
      homeId: home.homeId,
      name: home.name,
      divisionCode: home.divisionCode,
      coldStorage: { occupied: holders.size, slots: home.coldStorageSlots, ratio: ratioOf(holders.size, home.coldStorageSlots) },
      backlog: {
        hoursQueued: round2(queued),
        hoursAvailable: round2(available),
        ratio: ratioOf(queued, available),
        waitingCases: waitingCaseIds.length,
        placedCases: pending.length,
      },
      expectedWaitMinutes: expectedWaitMinutes(this.scheduler.nextFreeSlot(home, byDay, now, minutes), now),
      waitingCaseIds,
    };
  }

  /** Other homes of the region (the city) with free capacity, best first. */
  async rankedAlternatives(home: FuneralHome, now: Date): Promise<Alternative[]> {
    const day = shanghaiDate(now);
    const others = (await this.homes.inRegion(home.divisionCode.slice(0, ALTERNATIVES_REGION_DIGITS))).filter(
      (h) => h.homeId !== home.homeId,
    );
    const loads: Alternative[] = [];
    const thresholds = new Map<string, [number, number]>();
    for (const h of others) {
      const f = await this.figures(h, now);
      thresholds.set(h.homeId, [
        (await this.settings.valueFor('cold-storage-strained-percent', h.divisionCode, day)) / 100,
        (await this.settings.valueFor('cremation-backlog-strained-percent', h.divisionCode, day)) / 100,
      ]);
      loads.push({
        homeId: h.homeId,
        name: h.name,
        divisionCode: h.divisionCode,
        freeSlots: f.coldStorage.slots - f.coldStorage.occupied,
        coldStorageRatio: f.coldStorage.ratio,
        backlogRatio: f.backlog.ratio,
        expectedWaitMinutes: f.expectedWaitMinutes,
      });
    }
    // each candidate is held to its own region's thresholds, and must have a free slot to offer
    const free = loads.filter((l) => {
      const [c, b] = thresholds.get(l.homeId)!;
      return l.freeSlots > 0 && l.coldStorageRatio < c && l.backlogRatio < b;
    });
    return rankAlternatives(free, Infinity, Infinity) as Alternative[];
  }
}
