import { DomainError, isLocalDate } from '@civil/kernel';
import type { UnitType } from '@civil/contracts';
import { countEligible, RegisterCounts } from './eligibility';
import { VaccinationRecord, VaccinationStatus } from './vaccination-status';

/**
 * A staff roll (登记造册, seed 004: "各级民政部门要对全体党员、干部和职工登记造册,除有禁忌症外实行应种
 * 人员接种清零"): everyone who works for a unit, or for a department of a civil-affairs office, with
 * their vaccination status. The unvaccinated eligible must reach zero (清零) by the region's due date.
 *
 * Staff are of working age: eligibility is "no contraindication" (the age rule never leaves one out).
 */
export const STAFF_CATEGORIES = ['party-member', 'cadre', 'employee'] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];

export const STAFF_CATEGORY_LABELS: Record<StaffCategory, string> = {
  'party-member': '党员',
  cadre: '干部',
  employee: '职工',
};

export interface StaffMember {
  staffId: string;
  /** Only as ciphertext; never in an event. */
  nameCipher: string;
  category: StaffCategory;
  vaccination: VaccinationRecord;
  addedAt: Date;
}

/** Whose roll: a unit's, or a department's of the civil-affairs office of a division. */
export type RollOwner = { kind: 'unit'; unitId: string; unitType: UnitType } | { kind: 'office'; department: string };

export interface StaffRoll {
  rollId: string;
  owner: RollOwner;
  divisionCode: string;
  divisionAncestors: string[];
  members: StaffMember[];
  /** Due dates already signalled as not cleared (one signal per roll and due date). */
  notClearedSignalled: string[];
  /** The last signalled due date answered by a cleared event (absent: none yet). */
  clearedThrough?: string | null;
  updatedAt: Date;
}

export type StaffRollChange =
  | { kind: 'not-cleared'; dueDate: string; detectedAt: Date }
  /** Back to zero after a not-cleared signal: `dueDate` is the last one signalled. */
  | { kind: 'cleared'; dueDate: string; clearedAt: Date };

export function unitRollId(unitId: string): string {
  return `unit:${unitId}`;
}

export function officeRollId(divisionCode: string, department: string): string {
  return `office:${divisionCode}:${department}`;
}

export function emptyRoll(
  rollId: string,
  owner: RollOwner,
  division: { divisionCode: string; divisionAncestors: string[] },
  now: Date,
): StaffRoll {
  return { rollId, owner, ...division, members: [], notClearedSignalled: [], updatedAt: now };
}

export function addMember(roll: StaffRoll, member: StaffMember, now: Date): StaffRoll {
  return { ...roll, members: [...roll.members, member], updatedAt: now };
}

export function setMemberStatus(roll: StaffRoll, staffId: string, status: VaccinationStatus, by: string, now: Date): StaffRoll {
  const member = roll.members.find((m) => m.staffId === staffId);
  if (!member) throw DomainError.notFound('StaffMemberNotFound', `staff roll ${roll.rollId} has no member ${staffId}`, { staffId });
  if (member.vaccination.status === status) return roll;
  const next = { ...member, vaccination: { status, recordedAt: now, recordedBy: by } };
  return { ...roll, members: roll.members.map((m) => (m.staffId === staffId ? next : m)), updatedAt: now };
}

/**
 * A roll reaching zero after it was signalled as not cleared: the signal is answered, once per
 * last signalled due date (supervision ends its case).
 */
export function clearedChanges(next: StaffRoll, now: Date): { roll: StaffRoll; changes: StaffRollChange[] } {
  const last = next.notClearedSignalled.at(-1);
  if (!last || next.clearedThrough === last || rollCounts(next).unvaccinatedEligible > 0) return { roll: next, changes: [] };
  return { roll: { ...next, clearedThrough: last }, changes: [{ kind: 'cleared', dueDate: last, clearedAt: now }] };
}

export interface RollCounts extends Pick<RegisterCounts, 'eligible' | 'vaccinated' | 'contraindicated'> {
  members: number;
  /** Must reach zero (清零). */
  unvaccinatedEligible: number;
}

export function rollCounts(roll: Pick<StaffRoll, 'members'>): RollCounts {
  const c = countEligible(
    roll.members.map((m) => ({ birthDate: null, status: m.vaccination.status })),
    '1970-01-01',
  );
  return {
    members: roll.members.length,
    eligible: c.eligible,
    vaccinated: c.vaccinated,
    contraindicated: c.contraindicated,
    unvaccinatedEligible: c.eligible - c.vaccinated,
  };
}

/**
 * The region's due date for 清零, from its setting (YYYYMMDD as a number; 0 = none set). A value
 * that is not a real date sets none.
 */
export function clearanceDueDate(setting: number): string | null {
  if (!setting) return null;
  const s = String(setting);
  const date = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return s.length === 8 && isLocalDate(date) ? date : null;
}

/**
 * Not cleared by the due date: once the due day is over (today after it) with anyone eligible still
 * unvaccinated, the roll is signalled — once per due date (a later due date signals again).
 */
export function checkClearance(
  roll: StaffRoll,
  dueDate: string | null,
  today: string,
  now: Date,
): { roll: StaffRoll; changes: StaffRollChange[] } | undefined {
  if (!dueDate || today <= dueDate) return undefined;
  if (roll.notClearedSignalled.includes(dueDate)) return undefined;
  if (rollCounts(roll).unvaccinatedEligible === 0) return undefined;
  return {
    roll: { ...roll, notClearedSignalled: [...roll.notClearedSignalled, dueDate] },
    changes: [{ kind: 'not-cleared', dueDate, detectedAt: now }],
  };
}
