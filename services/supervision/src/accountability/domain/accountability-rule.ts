import { AccountabilitySubject, AccountabilityTrigger, CASE_LEVELS, CaseLevel, CaseType } from '@civil/contracts';

/**
 * When a supervision case of a type reaches `level` on its ladder, an accountability case opens
 * for `trigger`. A case type without a rule never opens one by itself (officers may still open
 * by hand). Rules replace the defaults per case type, with their history kept.
 */
export interface AccountabilityRule {
  level: CaseLevel;
  trigger: AccountabilityTrigger;
}

export const DEFAULT_ACCOUNTABILITY_RULES: Record<CaseType, AccountabilityRule | null> = {
  'report-missed': { level: 'city', trigger: 'late-reporting' },
  // a symptom case exists because the unit reported it: its climbing accuses nobody of concealment;
  // a late transfer is 不及时送医, opened from the transfer itself (see late-transfer.ts)
  'symptom-case': null,
  'supply-shortage': null,
  'vaccination-below-floor': null,
  'staff-vaccination-not-cleared': null,
  'visit-overdue': { level: 'county', trigger: 'missed-visits' },
  'application-overdue': { level: 'county', trigger: 'eligible-not-helped' },
  'equipment-unrepaired': { level: 'city', trigger: 'funeral-emergency-measures-missing' },
  'capacity-strained': null,
  'disinfection-missed': { level: 'city', trigger: 'funeral-emergency-measures-missing' },
  'rectification-overdue': { level: 'city', trigger: 'rectification-not-done' },
  'directive-missed': { level: 'city', trigger: 'late-reporting' },
  // suspicions: an officer confirms (which opens 瞒报漏报 / 挪用物资) or dismisses; climbing alone accuses nobody
  'report-inconsistent': null,
  'reserves-unaccounted': null,
  // a re-check (定期核查) is a visit to the household the township owes, as the key-person visits are
  'recheck-missed': { level: 'county', trigger: 'missed-visits' },
  // a late answer is the line's to explain; officers open accountability by hand where it matters
  'hotline-call-overdue': null,
  'low-income-warning-overdue': { level: 'county', trigger: 'eligible-not-helped' },
  // a peer that lets its self-inspection (自查自纠) lapse answers as a late report does, by hand
  'self-inspection-missed': null,
  // a child left without care is the township's to place (as its visits are); officers open accountability by hand
  'child-placement-overdue': null,
};

/** Whether a case now at `level` has reached the rule's level (a ladder may skip rungs). */
export function reachesRule(rule: AccountabilityRule | null, level: CaseLevel): rule is AccountabilityRule {
  return !!rule && CASE_LEVELS.indexOf(level) >= CASE_LEVELS.indexOf(rule.level);
}

const TOWNSHIP_DIGITS = 9;

/**
 * Who answers for a supervision case: the unit for unit signals, the township for work done by
 * townships (visits, applications, household re-checks, home checks of low-income warnings), the funeral home for funeral signals (the case's subject: an
 * equipment case names the equipment, so the home is taken from the case's unit), the target division
 * for a missed directive step.
 */
export function subjectOfCase(c: {
  caseType: CaseType;
  subjectId: string;
  divisionCode: string;
  unitId?: string | null;
}): AccountabilitySubject {
  switch (c.caseType) {
    case 'visit-overdue':
    case 'application-overdue':
    case 'recheck-missed':
    case 'low-income-warning-overdue':
    case 'child-placement-overdue': {
      const township = c.divisionCode.length >= TOWNSHIP_DIGITS ? c.divisionCode.slice(0, TOWNSHIP_DIGITS) : c.divisionCode;
      return { kind: township.length === TOWNSHIP_DIGITS ? 'township' : 'division', id: township, divisionCode: township };
    }
    case 'directive-missed': {
      // subject `${directiveId}:${divisionCode}`: the target division owes the step
      const target = c.subjectId.slice(c.subjectId.lastIndexOf(':') + 1);
      const code = /^\d+$/.test(target) ? target : c.divisionCode;
      return { kind: code.length === TOWNSHIP_DIGITS ? 'township' : 'division', id: code, divisionCode: code };
    }
    default:
      // the case names its unit (or funeral home) when its subject is something of the unit's: an issue, a piece of equipment
      return { kind: 'unit', id: c.unitId ?? c.subjectId, divisionCode: c.divisionCode };
  }
}
