import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addDays, Clock, DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import {
  addRound,
  AREA_STATE_LABELS,
  areaState,
  DISINFECTION_INTERVAL_MINUTES,
  DisinfectionDay,
  disinfectionDayId,
  DisinfectionRound,
  DUE_OUTCOME_LABELS,
  emptyDisinfectionDay,
  findMissedRounds,
  openingWindow,
} from '../domain/disinfection';
import { DisinfectionDayRepository } from '../infrastructure/disinfection-day.repository';

export interface MissedRoundSweepResult {
  days: string[];
  /** Misses this run recorded (and queued DisinfectionRoundMissed for). */
  recorded: number;
}

/** The disinfection log of crowded areas, and the sweep that signals a missed round once. */
@Injectable()
export class DisinfectionService {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly days: DisinfectionDayRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** A round in one crowded area, now. */
  async recordRound(homeId: string, input: { area: string; staffId: string; disinfectant: string }, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const day = shanghaiDate(now);
    const round: DisinfectionRound = {
      roundId: `dr-${randomUUID()}`,
      area: input.area,
      at: now,
      staffId: input.staffId,
      disinfectant: input.disinfectant,
      recordedBy: by.sub,
    };
    const id = disinfectionDayId(homeId, day);
    await this.days.store.upsert(id, (current) => ({
      next: addRound(home, current ?? emptyDisinfectionDay(home, day), round),
      changes: [],
    }));
    return { ...round, at: round.at.toISOString() };
  }

  async view(homeId: string, date: string | undefined, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const day = date ?? shanghaiDate(now);
    if (!isLocalDate(day)) throw DomainError.invalid('InvalidDate', `date ${day} is not a date (YYYY-MM-DD)`, { field: 'date' });
    const doc = (await this.days.get(disinfectionDayId(homeId, day)))?.value;
    const { opens, closes } = openingWindow(home.openingHours, day);
    return {
      homeId,
      date: day,
      intervalMinutes: DISINFECTION_INTERVAL_MINUTES,
      opens: opens.toISOString(),
      closes: closes.toISOString(),
      areas: home.crowdedAreas.map((area) => {
        const s = areaState(home, doc, day, area, now);
        return {
          area,
          state: s.state,
          stateLabel: AREA_STATE_LABELS[s.state],
          nextDueAt: s.nextDueAt?.toISOString() ?? null,
          rounds: s.rounds.map((r) => ({ ...r, at: r.at.toISOString(), outcomeLabel: DUE_OUTCOME_LABELS.done })),
          missed: s.missed.map((m) => ({
            area: m.area,
            dueAt: m.dueAt.toISOString(),
            detectedAt: m.detectedAt.toISOString(),
            outcome: 'missed' as const,
            outcomeLabel: DUE_OUTCOME_LABELS.missed,
          })),
        };
      }),
    };
  }

  /**
   * Records every missed round (area and due time) not recorded yet, queuing DisinfectionRoundMissed
   * in the same compare-and-set write; the event id derives from home, area and due time, so
   * repeated or concurrent sweeps and restarts emit each miss once. Sweeps yesterday and today.
   */
  async sweep(): Promise<MissedRoundSweepResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const sweepDays = [addDays(today, -1), today];
    let recorded = 0;
    for (const home of await this.homes.all()) {
      const registeredDay = shanghaiDate(new Date(home.registeredAt));
      for (const day of sweepDays) if (day >= registeredDay) recorded += await this.sweepHomeDay(home, day, now);
    }
    return { days: sweepDays, recorded };
  }

  private async sweepHomeDay(home: FuneralHome, day: string, now: Date): Promise<number> {
    let recorded = 0;
    const { written } = await this.days.store.upsert(disinfectionDayId(home.homeId, day), (current) => {
      const found = findMissedRounds(home, current, day, now);
      recorded = found.length;
      if (!found.length) return undefined;
      const base: DisinfectionDay = current ?? emptyDisinfectionDay(home, day);
      const missed = found.map((m) => ({ ...m, detectedAt: now }));
      return { next: { ...base, missed: [...base.missed, ...missed] }, changes: missed.map((m) => ({ type: 'round-missed', missed: m })) };
    });
    return written ? recorded : 0;
  }
}
