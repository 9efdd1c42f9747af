import { Injectable } from '@nestjs/common';
import { CapacityMeasure } from '@civil/contracts';
import { addDays, Clock, divisionAncestors, shanghaiDate } from '@civil/kernel';
import { assertCovers, createLogger, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { SettingKey } from '../../regional-settings/domain/settings';
import { hoursAvailable, hoursQueued, HomeLoad, initialMeasure, nextMeasureState, rankAlternatives, ratioOf } from '../domain/capacity';
import { CrematorWindow, expectedWaitMinutes } from '../domain/placement';
import { CustodyClaimsRepository, slotClaim } from '../infrastructure/custody-claims.repository';
import { HomeCapacity, HomeCapacityRepository } from '../infrastructure/home-capacity.repository';
import { CapacitySweepHooks } from './capacity-sweep.hooks';
import { CremationScheduler } from './cremation-scheduler';
import { HomeCapacityChange } from './home-capacity-events';

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

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Capacity per home (cold storage, cremation backlog) and per region; episodes with hysteresis
 * emit CapacityStrained once (with alternatives) and CapacityRecovered once.
 */
@Injectable()
export class CapacityService {
  private readonly log = createLogger('funeral-operations', 'CapacityService');
  private readonly inFlight = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly homes: HomeDirectory,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    private readonly capacity: HomeCapacityRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly hooks: CapacitySweepHooks,
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

  /**
   * Re-evaluates a home after a case move or schedule change; never fails the caller. Changes
   * arriving while an evaluation of the home runs are coalesced into one more evaluation (in this
   * process), so a burst of placements does not queue one evaluation each.
   */
  async afterChange(homeId: string | null): Promise<void> {
    if (!homeId) return;
    const running = this.inFlight.get(homeId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state: { again: boolean; done: Promise<void> } = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.evaluate(homeId);
        } while (state.again);
      } catch (e) {
        this.log.warn('capacity evaluation failed; the sweep evaluates again', { homeId, error: (e as Error).message });
      } finally {
        this.inFlight.delete(homeId);
      }
    })();
    this.inFlight.set(homeId, state);
    return state.done;
  }

  /** Evaluates a home's episodes and writes CapacityStrained / CapacityRecovered once per episode. */
  async evaluate(homeId: string): Promise<HomeCapacity | undefined> {
    const home = await this.homes.get(homeId);
    if (!home) return undefined;
    const now = this.clock.now();
    const day = shanghaiDate(now);
    const [f, coldAt, backlogAt, recoveredAt] = await Promise.all([
      this.figures(home, now),
      this.settings.valueFor('cold-storage-strained-percent', home.divisionCode, day),
      this.settings.valueFor('cremation-backlog-strained-percent', home.divisionCode, day),
      this.settings.valueFor('capacity-recovered-percent', home.divisionCode, day),
    ]);
    // where families are sent instead: only wanted when a measure becomes strained
    const before = (await this.capacity.get(homeId))?.value;
    const becomesStrained =
      (!before?.coldStorage.strained && f.coldStorage.ratio >= coldAt / 100) ||
      (!before?.backlog.strained && f.backlog.ratio >= backlogAt / 100);
    const alternatives = becomesStrained ? (await this.rankedAlternatives(home, now)).map((a) => a.homeId) : [];
    const { state } = await this.capacity.store.upsert(homeId, (prev) => {
      const cold = nextMeasureState(
        prev?.coldStorage ?? initialMeasure('cold-storage'),
        f.coldStorage.ratio,
        coldAt / 100,
        recoveredAt / 100,
        now,
      );
      const backlog = nextMeasureState(
        prev?.backlog ?? initialMeasure('cremation-backlog'),
        f.backlog.ratio,
        backlogAt / 100,
        recoveredAt / 100,
        now,
      );
      const changes: HomeCapacityChange[] = [];
      for (const [m, change, threshold] of [
        [cold.state, cold.change, coldAt / 100],
        [backlog.state, backlog.change, backlogAt / 100],
      ] as const) {
        if (!change) continue;
        changes.push(
          change.kind === 'strained'
            ? { type: 'strained', measure: m.measure, episode: change.episode, ratio: m.ratio, threshold, alternatives, at: now }
            : { type: 'recovered', measure: m.measure, episode: change.episode, ratio: m.ratio, threshold: recoveredAt / 100, at: now },
        );
      }
      const next: HomeCapacity = {
        homeId,
        divisionCode: home.divisionCode,
        divisionAncestors: divisionAncestors(home.divisionCode),
        coldStorage: { ...cold.state, occupied: f.coldStorage.occupied, slots: f.coldStorage.slots },
        backlog: {
          ...backlog.state,
          hoursQueued: f.backlog.hoursQueued,
          hoursAvailable: f.backlog.hoursAvailable,
          waitingCases: f.backlog.waitingCases,
          placedCases: f.backlog.placedCases,
        },
        expectedWaitMinutes: f.expectedWaitMinutes,
        evaluatedAt: now,
      };
      return { next, changes };
    });
    return state;
  }

  /** The sweep (timer and admin endpoint): every home repaired (stale claims, bookings out of step), then evaluated. */
  async sweep(by?: Principal): Promise<{ evaluated: number; strained: string[] }> {
    const homes = by ? await this.homes.inRegion(by.jurisdiction) : await this.homes.all();
    const strained: string[] = [];
    for (const h of homes) {
      try {
        await this.hooks.run(h);
      } catch (e) {
        this.log.warn('repair before the capacity evaluation failed; the next sweep tries again', {
          homeId: h.homeId,
          error: (e as Error).message,
        });
      }
      const c = await this.evaluate(h.homeId);
      if (c && (c.coldStorage.strained || c.backlog.strained)) strained.push(h.homeId);
    }
    return { evaluated: homes.length, strained };
  }

  /** Every home of a region with its figures and episode states, and the region's totals. */
  async region(divisionCode: string, by: Principal) {
    assertCovers(by, divisionCode);
    const homes = await this.homes.inRegion(divisionCode);
    const now = this.clock.now();
    const states = await this.capacity.getMany(homes.map((h) => h.homeId));
    const rows: (Omit<HomeFigures, 'waitingCaseIds'> & { strained: Record<CapacityMeasure, boolean>; lastEvaluatedAt: Date | null })[] = [];
    for (const h of homes) {
      const f = await this.figures(h, now);
      const s = states.get(h.homeId);
      rows.push({
        ...this.publicFigures(f),
        strained: { 'cold-storage': s?.coldStorage.strained ?? false, 'cremation-backlog': s?.backlog.strained ?? false } as Record<
          CapacityMeasure,
          boolean
        >,
        lastEvaluatedAt: s?.evaluatedAt ?? null,
      });
    }
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + pick(r), 0);
    const occupied = sum((r) => r.coldStorage.occupied);
    const slots = sum((r) => r.coldStorage.slots);
    const queued = sum((r) => r.backlog.hoursQueued);
    const available = sum((r) => r.backlog.hoursAvailable);
    return {
      divisionCode,
      homes: rows,
      totals: {
        homes: rows.length,
        strainedHomes: rows.filter((r) => r.strained['cold-storage'] || r.strained['cremation-backlog']).length,
        coldStorage: { occupied, slots, ratio: ratioOf(occupied, slots) },
        backlog: { hoursQueued: round2(queued), hoursAvailable: round2(available), ratio: ratioOf(queued, available) },
      },
      evaluatedAt: now,
    };
  }

  /** Other homes of the region (the city) with free capacity, best first. */
  async alternatives(homeId: string, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const own = await this.figures(home, now);
    const ranked = await this.rankedAlternatives(home, now);
    return { homeId, region: home.divisionCode.slice(0, ALTERNATIVES_REGION_DIGITS), own: this.publicFigures(own), alternatives: ranked };
  }

  private async rankedAlternatives(
    home: FuneralHome,
    now: Date,
  ): Promise<(HomeLoad & { name: string; divisionCode: string; freeSlots: number })[]> {
    const day = shanghaiDate(now);
    const others = (await this.homes.inRegion(home.divisionCode.slice(0, ALTERNATIVES_REGION_DIGITS))).filter(
      (h) => h.homeId !== home.homeId,
    );
    const loads: (HomeLoad & { name: string; divisionCode: string; freeSlots: number })[] = [];
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
    return rankAlternatives(free, Infinity, Infinity) as (HomeLoad & { name: string; divisionCode: string; freeSlots: number })[];
  }

  private publicFigures(f: HomeFigures) {
    const { waitingCaseIds: _ignored, ...rest } = f;
    return rest;
  }
}
