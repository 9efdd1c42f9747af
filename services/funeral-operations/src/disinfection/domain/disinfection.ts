import { DomainError, shanghaiInstant, addDays } from '@civil/kernel';
import { DailyHours, FuneralHome } from '../../homes/domain/funeral-home';

/**
 * The disinfection log (消杀记录): crowded areas (人员密集区域) are sprayed every 2 hours during
 * opening time (每间隔2小时喷洒一次消毒液) — the interval is fixed by the source documents.
 *
 * Rules where the sources are silent (chosen here):
 * - The clock of an area starts at opening: its first round is due 2 hours after opening (the
 *   area is assumed clean when the home opens). Each round restarts it: the next round is due 2
 *   hours after the latest round.
 * - A round exactly at the due time is on time; an area is late only when more than 2 hours pass.
 * - A missed due time restarts the clock at that due time: if nobody comes, the next round is due
 *   2 hours later and is missed in turn — one DisinfectionRoundMissed per area and due time.
 * - Only due times before closing count (a round due at or after closing is not required); rounds
 *   outside opening time are recorded but start nothing.
 * - On the day a home is registered, the clock starts at registration if that is after opening.
 */
export const DISINFECTION_INTERVAL_MINUTES = 120;
const INTERVAL_MS = DISINFECTION_INTERVAL_MINUTES * 60_000;

export const AREA_STATES = ['on-schedule', 'overdue', 'closed'] as const;
export type AreaState = (typeof AREA_STATES)[number];
export const AREA_STATE_LABELS: Record<AreaState, string> = { 'on-schedule': '按时消杀', overdue: '超时未消杀', closed: '非开放时间' };

export const DUE_OUTCOMES = ['done', 'missed'] as const;
export type DueOutcome = (typeof DUE_OUTCOMES)[number];
export const DUE_OUTCOME_LABELS: Record<DueOutcome, string> = { done: '已按时消杀', missed: '漏消杀' };

export interface DisinfectionRound {
  roundId: string;
  area: string;
  at: Date;
  staffId: string;
  disinfectant: string;
  recordedBy: string;
}

export interface MissedRound {
  area: string;
  dueAt: Date;
  detectedAt: Date;
}

/** One home's disinfection log for one Beijing day (`disinfection_days`, id `<homeId>:<day>`). */
export interface DisinfectionDay {
  dayId: string;
  homeId: string;
  divisionCode: string;
  divisionAncestors: string[];
  day: string;
  rounds: DisinfectionRound[];
  missed: MissedRound[];
}

export function disinfectionDayId(homeId: string, day: string): string {
  return `${homeId}:${day}`;
}

export function emptyDisinfectionDay(home: FuneralHome, day: string): DisinfectionDay {
  return {
    dayId: disinfectionDayId(home.homeId, day),
    homeId: home.homeId,
    divisionCode: home.divisionCode,
    divisionAncestors: home.divisionAncestors,
    day,
    rounds: [],
    missed: [],
  };
}

/** Opening and closing instants of a day. */
export function openingWindow(hours: DailyHours, day: string): { opens: Date; closes: Date } {
  const closes = hours.end === '24:00' ? shanghaiInstant(addDays(day, 1), '00:00') : shanghaiInstant(day, hours.end);
  return { opens: shanghaiInstant(day, hours.start), closes };
}

/**
 * Walks an area's day: from `start` (opening), each due time is 2 hours after the last round (or
 * missed due time). Returns the due times missed by `now` and the next due time (null when none
 * is left before closing).
 */
export function walkArea(start: Date, closes: Date, roundTimes: readonly Date[], now: Date): { missed: Date[]; nextDueAt: Date | null } {
  const rounds = roundTimes.map((r) => r.getTime()).sort((a, b) => a - b);
  const missed: Date[] = [];
  let anchor = start.getTime();
  for (;;) {
    const due = anchor + INTERVAL_MS;
    if (due >= closes.getTime()) return { missed, nextDueAt: null };
    const inWindow = rounds.filter((r) => r > anchor && r <= due);
    if (inWindow.length) {
      anchor = inWindow[inWindow.length - 1];
      continue;
    }
    if (now.getTime() <= due) return { missed, nextDueAt: new Date(due) };
    missed.push(new Date(due));
    anchor = due;
  }
}

/** Where an area's clock starts on a day: opening, or registration if the home opened later. */
export function clockStart(home: FuneralHome, day: string): Date {
  const { opens } = openingWindow(home.openingHours, day);
  const registered = new Date(home.registeredAt);
  return registered.getTime() > opens.getTime() ? registered : opens;
}

/** The rounds missed by now and not yet recorded, for every crowded area of the home. */
export function findMissedRounds(
  home: FuneralHome,
  doc: DisinfectionDay | undefined,
  day: string,
  now: Date,
): { area: string; dueAt: Date }[] {
  const { closes } = openingWindow(home.openingHours, day);
  const start = clockStart(home, day);
  const recorded = new Set((doc?.missed ?? []).map((m) => `${m.area}\u001f${m.dueAt.getTime()}`));
  const out: { area: string; dueAt: Date }[] = [];
  for (const area of home.crowdedAreas) {
    const rounds = (doc?.rounds ?? []).filter((r) => r.area === area).map((r) => r.at);
    for (const dueAt of walkArea(start, closes, rounds, now).missed) {
      if (!recorded.has(`${area}\u001f${dueAt.getTime()}`)) out.push({ area, dueAt });
    }
  }
  return out;
}

export function addRound(home: FuneralHome, doc: DisinfectionDay, round: DisinfectionRound): DisinfectionDay {
  if (!home.crowdedAreas.includes(round.area)) {
    throw DomainError.invalid(
      'UnknownArea',
      `area ${round.area} is not a crowded area of home ${home.homeId} (${home.crowdedAreas.join(', ')})`,
      { field: 'area' },
    );
  }
  if (!home.staff.some((s) => s.staffId === round.staffId && s.active))
    throw DomainError.invalid('UnknownStaff', `staffId ${round.staffId} is not active staff of home ${home.homeId}`, { field: 'staffId' });
  return { ...doc, rounds: [...doc.rounds, round] };
}

/** How an area stands now on `day`. */
export function areaState(home: FuneralHome, doc: DisinfectionDay | undefined, day: string, area: string, now: Date) {
  const { opens, closes } = openingWindow(home.openingHours, day);
  const rounds = (doc?.rounds ?? []).filter((r) => r.area === area);
  const walked = walkArea(
    clockStart(home, day),
    closes,
    rounds.map((r) => r.at),
    now,
  );
  const open = now.getTime() >= opens.getTime() && now.getTime() < closes.getTime();
  const recordedMisses = (doc?.missed ?? []).filter((m) => m.area === area);
  const overdue =
    open && walked.missed.length > 0 && !rounds.some((r) => r.at.getTime() > walked.missed[walked.missed.length - 1].getTime());
  const state: AreaState = !open ? 'closed' : overdue ? 'overdue' : 'on-schedule';
  return { area, state, rounds, missed: recordedMisses, missedByNow: walked.missed, nextDueAt: walked.nextDueAt };
}
