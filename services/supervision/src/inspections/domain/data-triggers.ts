import { InspectionMode, InspectionTrigger, InspectionTriggerRule } from '@civil/contracts';
import { addDays, shanghaiDate } from '@civil/kernel';

/**
 * Data rules that send a team to a unit by themselves: a cluster of symptom cases since the last
 * daily report, or a unit that keeps missing its reports. One such inspection per unit at a time:
 * while it is pending, further signals add nothing.
 */
export const INSPECTION_TRIGGER_RULE_LABELS: Record<InspectionTriggerRule, string> = {
  'symptom-cases': '症状病例聚集触发督查',
  'reports-missed': '多次漏报触发督查',
};

export interface TriggerSettings {
  symptomCases: number;
  missedReports: number;
  missedWindowDays: number;
  withinDays: number;
  /** 0: announced (明察), 1: unannounced (四不两直). */
  mode: number;
}

/** A missed report the rule remembers: its day and the ce_id of the ReportMissed. */
export interface RememberedMiss {
  reportDate: string;
  eventId: string;
}

/** Misses kept per unit: no window is longer than this. */
export const MISSES_KEPT_DAYS = 31;

export function triggeredMode(setting: number): InspectionMode {
  return setting === 1 ? 'unannounced' : 'announced';
}

export function scheduledDateFor(now: Date, settings: Pick<TriggerSettings, 'withinDays'>): string {
  return addDays(shanghaiDate(now), settings.withinDays);
}

/** SymptomCaseReported: fires when the cases since the last daily report reach the threshold. */
export function symptomCasesRule(
  casesSinceLastReport: number,
  eventId: string,
  settings: Pick<TriggerSettings, 'symptomCases'>,
): InspectionTrigger | null {
  if (casesSinceLastReport < settings.symptomCases) return null;
  return { rule: 'symptom-cases', threshold: settings.symptomCases, observed: casesSinceLastReport, evidenceEventIds: [eventId] };
}

/** The misses whose day falls in the window ending today (Asia/Shanghai), each day once. */
export function missesInWindow(misses: readonly RememberedMiss[], now: Date, windowDays: number): RememberedMiss[] {
  const today = shanghaiDate(now);
  const from = addDays(today, -(windowDays - 1));
  const byDay = new Map<string, RememberedMiss>();
  for (const m of misses) if (m.reportDate >= from && m.reportDate <= today && !byDay.has(m.reportDate)) byDay.set(m.reportDate, m);
  return [...byDay.values()].sort((a, b) => a.reportDate.localeCompare(b.reportDate));
}

/** Adds a miss to what a unit remembers, dropping days older than any window. */
export function rememberMiss(misses: readonly RememberedMiss[], miss: RememberedMiss, now: Date): RememberedMiss[] {
  const oldest = addDays(shanghaiDate(now), -MISSES_KEPT_DAYS);
  const kept = misses.filter((m) => m.reportDate >= oldest && m.reportDate !== miss.reportDate);
  return [...kept, miss].sort((a, b) => a.reportDate.localeCompare(b.reportDate));
}

/** ReportMissed: fires when the misses in the last `missedWindowDays` days reach the threshold. */
export function reportsMissedRule(
  misses: readonly RememberedMiss[],
  now: Date,
  settings: Pick<TriggerSettings, 'missedReports' | 'missedWindowDays'>,
): InspectionTrigger | null {
  const inWindow = missesInWindow(misses, now, settings.missedWindowDays);
  if (inWindow.length < settings.missedReports) return null;
  return {
    rule: 'reports-missed',
    threshold: settings.missedReports,
    observed: inWindow.length,
    evidenceEventIds: inWindow.map((m) => m.eventId),
  };
}
