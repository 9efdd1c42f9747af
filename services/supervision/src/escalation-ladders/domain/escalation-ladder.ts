import { DomainError } from '@civil/kernel';
import type { CaseLevel, CaseType } from '@civil/contracts';
import { CASE_LEVELS } from '@civil/contracts';

/**
 * An escalation ladder (督办升级): the level that holds a case first and how long each level has
 * to resolve it before it climbs to the next. The last rung has no limit.
 */
export interface LadderRung {
  level: CaseLevel;
  /** Minutes the level has before the case climbs; absent on the top rung. */
  minutesToResolve?: number;
}

export interface EscalationLadder {
  caseType: CaseType;
  rungs: LadderRung[];
  /** Urgent kinds: the level told at once when the case opens, above the one holding it (放宽上报程序). */
  reportAtOnceTo?: CaseLevel;
}

const ladder = (caseType: CaseType, ...rungs: LadderRung[]): EscalationLadder => ({ caseType, rungs });
const H = 60;

/**
 * The ladders a new deployment starts with (each can be replaced with PUT /escalation-ladders/:caseType).
 * A symptom case starts at county level and is reported at once to the province (seed 004: 重要情况第一时间上报…厅值班室,
 * the provincial department's duty office); a region may set another level on its own ladder.
 */
export const DEFAULT_LADDERS: Record<CaseType, EscalationLadder> = {
  'report-missed': ladder(
    'report-missed',
    { level: 'township', minutesToResolve: 4 * H },
    { level: 'county', minutesToResolve: 8 * H },
    { level: 'city', minutesToResolve: 24 * H },
    { level: 'province' },
  ),
  'symptom-case': {
    ...ladder(
      'symptom-case',
      { level: 'county', minutesToResolve: 2 * H },
      { level: 'city', minutesToResolve: 4 * H },
      { level: 'province' },
    ),
    reportAtOnceTo: 'province',
  },
  'supply-shortage': ladder(
    'supply-shortage',
    { level: 'township', minutesToResolve: 24 * H },
    { level: 'county', minutesToResolve: 24 * H },
    { level: 'city' },
  ),
  'vaccination-below-floor': ladder(
    'vaccination-below-floor',
    { level: 'county', minutesToResolve: 72 * H },
    { level: 'city', minutesToResolve: 168 * H },
    { level: 'province' },
  ),
  // 清零 of a staff roll is the civil-affairs department's own task (强化交账意识): the same pace as the floor
  'staff-vaccination-not-cleared': ladder(
    'staff-vaccination-not-cleared',
    { level: 'county', minutesToResolve: 72 * H },
    { level: 'city', minutesToResolve: 168 * H },
    { level: 'province' },
  ),
  'visit-overdue': ladder(
    'visit-overdue',
    { level: 'township', minutesToResolve: 24 * H },
    { level: 'county', minutesToResolve: 48 * H },
    { level: 'city' },
  ),
  'application-overdue': ladder(
    'application-overdue',
    { level: 'township', minutesToResolve: 24 * H },
    { level: 'county', minutesToResolve: 24 * H },
    { level: 'city', minutesToResolve: 48 * H },
    { level: 'province' },
  ),
  'equipment-unrepaired': ladder(
    'equipment-unrepaired',
    { level: 'county', minutesToResolve: 24 * H },
    { level: 'city', minutesToResolve: 48 * H },
    { level: 'province' },
  ),
  'capacity-strained': ladder(
    'capacity-strained',
    { level: 'county', minutesToResolve: 4 * H },
    { level: 'city', minutesToResolve: 12 * H },
    { level: 'province' },
  ),
  'disinfection-missed': ladder(
    'disinfection-missed',
    { level: 'county', minutesToResolve: 8 * H },
    { level: 'city', minutesToResolve: 24 * H },
    { level: 'province' },
  ),
  'rectification-overdue': ladder(
    'rectification-overdue',
    { level: 'county', minutesToResolve: 72 * H },
    { level: 'city', minutesToResolve: 168 * H },
    { level: 'province' },
  ),
  'directive-missed': ladder(
    'directive-missed',
    { level: 'county', minutesToResolve: 24 * H },
    { level: 'city', minutesToResolve: 48 * H },
    { level: 'province' },
  ),
  // a peer's self-inspection (举一反三) not reported: the county that sent it follows up first
  'self-inspection-missed': ladder(
    'self-inspection-missed',
    { level: 'county', minutesToResolve: 72 * H },
    { level: 'city', minutesToResolve: 168 * H },
    { level: 'province' },
  ),
  // a suspicion of concealment (瞒报漏报) is the county's to verify, as a below-floor coverage is
  'report-inconsistent': ladder(
    'report-inconsistent',
    { level: 'county', minutesToResolve: 24 * H },
    { level: 'city', minutesToResolve: 48 * H },
    { level: 'province' },
  ),
  // stock gone without recorded use (挪用 suspicion): the county checks the unit's books
  'reserves-unaccounted': ladder(
    'reserves-unaccounted',
    { level: 'county', minutesToResolve: 24 * H },
    { level: 'city', minutesToResolve: 48 * H },
    { level: 'province' },
  ),
  // a re-check is already past its grace days: the township has a week, then the county
  'recheck-missed': ladder(
    'recheck-missed',
    { level: 'township', minutesToResolve: 168 * H },
    { level: 'county', minutesToResolve: 168 * H },
    { level: 'city' },
  ),
  // a caller left without an answer (seed 004: 及时受理和回应困难群众求助): the line's county first
  'hotline-call-overdue': ladder(
    'hotline-call-overdue',
    { level: 'county', minutesToResolve: 4 * H },
    { level: 'city', minutesToResolve: 24 * H },
    { level: 'province' },
  ),
  // a warning the township has not checked at home: the township first, as with an overdue application
  'low-income-warning-overdue': ladder(
    'low-income-warning-overdue',
    { level: 'township', minutesToResolve: 24 * H },
    { level: 'county', minutesToResolve: 48 * H },
    { level: 'city' },
  ),
  // a child without care already past the placement limit (seed 001): the county at once, urgent
  'child-placement-overdue': ladder(
    'child-placement-overdue',
    { level: 'county', minutesToResolve: 4 * H },
    { level: 'city', minutesToResolve: 12 * H },
    { level: 'province' },
  ),
};

export function checkLadder(ladder: EscalationLadder): EscalationLadder {
  if (ladder.rungs.length === 0) throw DomainError.invalid('EmptyLadder', 'a ladder needs at least one rung', { field: 'rungs' });
  const order = ladder.rungs.map((r) => CASE_LEVELS.indexOf(r.level));
  if (order.some((o, i) => o < 0 || (i > 0 && o <= order[i - 1]))) {
    throw DomainError.invalid('LadderOrder', `rungs must climb: ${CASE_LEVELS.join(' → ')}, each level once`, { field: 'rungs' });
  }
  ladder.rungs.forEach((r, i) => {
    const last = i === ladder.rungs.length - 1;
    if (!last && !(Number.isInteger(r.minutesToResolve) && (r.minutesToResolve as number) > 0)) {
      throw DomainError.invalid('RungWithoutLimit', `rung ${r.level} needs minutesToResolve > 0 (only the top rung has none)`, {
        field: `rungs.${i}.minutesToResolve`,
      });
    }
  });
  if (ladder.reportAtOnceTo && CASE_LEVELS.indexOf(ladder.reportAtOnceTo) <= order[0]) {
    throw DomainError.invalid('ReportAtOnceNotAbove', `reportAtOnceTo must be above the first rung (${ladder.rungs[0].level})`, {
      field: 'reportAtOnceTo',
    });
  }
  return ladder;
}

export function firstRung(ladder: EscalationLadder): LadderRung {
  return ladder.rungs[0];
}

/**
 * The next rung above `level`, or undefined at the top. A case whose level is not a rung of the
 * ladder (the ladder was changed since) climbs to the first rung ranked above it.
 */
export function rungAbove(ladder: EscalationLadder, level: CaseLevel): LadderRung | undefined {
  const rank = CASE_LEVELS.indexOf(level);
  return ladder.rungs.find((r) => CASE_LEVELS.indexOf(r.level) > rank);
}

/** When a case entering `rung` at `at` climbs next; null on the top rung. */
export function nextEscalationAt(rung: LadderRung, at: Date): Date | null {
  return rung.minutesToResolve == null ? null : new Date(at.getTime() + rung.minutesToResolve * 60_000);
}
