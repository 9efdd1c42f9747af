import type { ApplicationKind, ApplicationStep } from '@civil/contracts';
import { addDays, shanghaiDate, shanghaiInstant } from '@civil/kernel';

/**
 * Time limits per step (days), as the region sets them on the day a step is entered:
 * `accept-limit-days`, `review-limit-days`, `decide-limit-days`, `disburse-limit-days`, and for
 * 临时救助 one short limit for every step, `temporary-relief-limit-days`.
 */
export interface StepLimits {
  accept: number;
  review: number;
  decide: number;
  disburse: number;
  temporaryRelief: number;
}

/** An expedited application (e.g. a confirmed patient's household, 快救速救) has one day per step. */
export const EXPEDITED_LIMIT_DAYS = 1;

export interface DeadlineFlags {
  kind: ApplicationKind;
  simplifiedReview: boolean;
  expedited: boolean;
}

/**
 * The limit for a step: the kind's own (temporary relief: its short limit for every step), halved
 * (rounded up) under simplified review in a medium/high-risk area, at most one day when expedited.
 * Never below one day.
 */
export function stepLimitDays(flags: DeadlineFlags, step: ApplicationStep, limits: StepLimits): number {
  let days = flags.kind === 'temporary-relief' ? limits.temporaryRelief : limits[step];
  if (flags.simplifiedReview) days = Math.ceil(days / 2);
  if (flags.expedited) days = Math.min(days, EXPEDITED_LIMIT_DAYS);
  return Math.max(1, days);
}

/**
 * Calendar days in Beijing time, counted from the day after the step was entered: a step entered
 * on 3 March with 3 days is due by the end of 6 March (Beijing), i.e. overdue from 7 March 00:00.
 */
export function stepDueAt(enteredAt: Date, days: number): Date {
  return shanghaiInstant(addDays(shanghaiDate(enteredAt), days + 1), '00:00');
}

/** Overdue from the due instant on (the due instant itself is the first overdue moment). */
export function isPastDue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && now.getTime() >= dueAt.getTime();
}
