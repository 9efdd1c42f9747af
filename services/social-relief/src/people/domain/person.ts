import {
  divisionAncestors,
  DomainError,
  idNumberBirthDate,
  idNumberProblem,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeIdNumber,
} from '@civil/kernel';
import type { ReliefRegister } from '@civil/contracts';

/**
 * A person known to social relief. The same person on two lists, or in a household and on a
 * list, is one person: people are found by their person key (a keyed hash of the ID number), and
 * the name, ID number and phone are kept only encrypted, shown masked.
 */
export interface RegisterMembership {
  register: ReliefRegister;
  /**
   * What put the person on the register: a household's category, an approved 特困 application (the
   * county's decision), or — before the county's decision did so — a key-person list entry.
   */
  sourceType: 'household' | 'application' | 'key-person-list';
  sourceId: string;
  /** 集中供养特困: the 敬老院 / 特困供养机构 (unit id) the person lives in; absent otherwise. */
  institutionId?: string;
  /** First day on the register (Beijing). */
  from: string;
  /** First day no longer on it; null while current. */
  to: string | null;
}

export interface Person {
  personId: string;
  personKey: string;
  nameEnc: string;
  idNumberEnc: string;
  phoneEnc: string | null;
  nameMasked: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  divisionCode: string;
  divisionAncestors: string[];
  memberships: RegisterMembership[];
  createdAt: Date;
}

export interface NewPerson {
  name: string;
  idNumber: string;
  phone?: string | null;
  divisionCode: string;
}

/** Checks an ID number and gives its 18-character form; the reason never repeats the number. */
export function checkedIdNumber(raw: string, today: string): string {
  const problem = idNumberProblem(raw, today);
  if (problem) throw DomainError.invalid('InvalidIdNumber', `idNumber ${problem}`, { field: 'idNumber' });
  return normalizeIdNumber(raw, today);
}

/** The masked, derived parts of a new person (encryption and the key are the caller's). */
export function personFacts(input: NewPerson, idNumber18: string) {
  return {
    nameMasked: maskName(input.name),
    idNumberMasked: maskIdNumber(idNumber18),
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    birthDate: idNumberBirthDate(idNumber18),
    sex: Number(idNumber18[16]) % 2 === 1 ? ('male' as const) : ('female' as const),
    divisionAncestors: divisionAncestors(input.divisionCode),
  };
}

/** Whole years of age on a day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The registers a person is on now (memberships without an end). */
export function currentRegisters(memberships: readonly RegisterMembership[]): ReliefRegister[] {
  return [...new Set(memberships.filter((m) => m.to === null).map((m) => m.register))].sort();
}

/** The registers a person was on at the end of a day (from ≤ day < to). */
export function registersOn(memberships: readonly RegisterMembership[], day: string): ReliefRegister[] {
  return [...new Set(memberships.filter((m) => m.from <= day && (m.to === null || m.to > day)).map((m) => m.register))].sort();
}

/** Puts the person on a register for a source; a no-op if that source already holds it open. */
export function enrol(memberships: readonly RegisterMembership[], m: Omit<RegisterMembership, 'to'>): RegisterMembership[] {
  if (memberships.some((x) => x.register === m.register && x.sourceId === m.sourceId && x.to === null)) return [...memberships];
  return [...memberships, { ...m, to: null }];
}

/** Ends a source's open membership of a register from a day; a no-op if there is none. */
export function endMembership(
  memberships: readonly RegisterMembership[],
  register: ReliefRegister,
  sourceId: string,
  on: string,
): RegisterMembership[] {
  return memberships.map((x) =>
    x.register === register && x.sourceId === sourceId && x.to === null ? { ...x, to: on < x.from ? x.from : on } : x,
  );
}
