import { DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import type { DeathCause, Symptom, SymptomCaseOutcome } from '@civil/contracts';
import { isFever, isolationEndsOn, isolationOver } from './isolation';
import type { VaccinationRecord } from '../../vaccination/domain/vaccination-status';
import { IsolationReason, LeavePurpose, LeaveStatus, ResidentStatus, SymptomCaseStatus } from './resident-status';

/** Readings kept on a resident; older ones drop off (daily reports carry the counts). */
export const READINGS_KEPT = 100;

/** Name and ID number only as ciphertext, plus the keyed hash of the ID number. */
export interface PersonalFields {
  nameCipher: string;
  idNumberCipher: string | null;
  personKey: string | null;
}

export interface Isolation {
  reason: IsolationReason;
  startedAt: Date;
  /** Beijing day it ends; null on the symptom path (it ends with a transfer or a clearance). */
  endsOn: string | null;
}

export interface TemperatureReading {
  tenthsC: number;
  takenAt: Date;
  recordedBy: string;
  symptoms: Symptom[];
  abnormal: boolean;
}

export interface LeaveRequest {
  leaveId: string;
  /** Absent on leave recorded before purposes were kept: personal. */
  purpose?: LeavePurpose;
  reason: string;
  /** Planned first and last day out (YYYY-MM-DD, Beijing). */
  fromDate: string;
  untilDate: string;
  status: LeaveStatus;
  requestedAt: Date;
  requestedBy: string;
  decidedAt?: Date;
  decidedBy?: string;
  decisionNote?: string;
  departedAt?: Date;
  returnedAt?: Date;
}

export interface SymptomCase {
  symptomCaseId: string;
  detectedAt: Date;
  isolatedAt: Date;
  symptoms: Symptom[];
  temperatureTenthsC: number | null;
  status: SymptomCaseStatus;
  /** The timed isolation the case interrupted, resumed if the case is cleared before it ends. */
  interruptedIsolation: Isolation | null;
  transfer?: { hospital: string; transferredAt: Date; recordedBy: string };
  clearedAt?: Date;
  /** How an episode that ended without a transfer ended, and when. */
  ended?: { outcome: SymptomCaseOutcome; at: Date; recordedBy: string; approvedBy?: string };
}

export interface DeathRecord {
  deathId: string;
  diedAt: Date;
  cause: DeathCause;
  infectious: boolean;
  disease: string | null;
  recordedAt: Date;
  recordedBy: string;
}

/** A resident (服务对象) of one unit. */
export interface Resident {
  /** Opaque id this service assigns; the only reference that leaves it. */
  residentId: string;
  unitId: string;
  personal: PersonalFields;
  /** YYYY-MM-DD: given at admission or read from the ID number; null when unknown (absent on older records). */
  birthDate?: string | null;
  /** The resident's vaccination status, once recorded (absent or null: none recorded). */
  vaccination?: VaccinationRecord | null;
  status: ResidentStatus;
  admittedAt: Date;
  admittedBy: string;
  isolation: Isolation | null;
  leaveRequests: LeaveRequest[];
  readings: TemperatureReading[];
  symptomCases: SymptomCase[];
  death: DeathRecord | null;
  dischargedAt: Date | null;
  /** A child in temporary care (临时照料) at social relief's request; absent for every other resident. */
  temporaryCare?: TemporaryCare | null;
}

/** Whose placement a child in temporary care is here under (opaque references). */
export interface TemporaryCare {
  placementId: string;
  requestNo: number;
  childRef: string;
}

/** What happened that other contexts must hear of (mapped to contracts by the application). */
export type ResidentEvent =
  | { kind: 'symptom-case-opened'; symptomCase: SymptomCase }
  | { kind: 'transferred'; symptomCase: SymptomCase }
  | { kind: 'symptom-case-ended'; symptomCase: SymptomCase }
  | { kind: 'died'; death: DeathRecord };

export interface Transition {
  resident: Resident;
  events: ResidentEvent[];
}

export interface Observation {
  /** The reading in tenths of °C, if one was taken. */
  tenthsC: number | null;
  symptoms: Symptom[];
  takenAt: Date;
}

export interface Admission {
  residentId: string;
  unitId: string;
  /** relief-station units isolate every admission 14 days and must take a reading (一人一测). */
  reliefStation: boolean;
  personal: PersonalFields;
  birthDate: string | null;
  /** The reading at admission (required at a relief station). */
  observation: Observation | null;
  feverThresholdTenthsC: number;
  /** Id for the symptom case, used only if the admission reading is abnormal. */
  symptomCaseId: string;
  by: string;
  /** A child admitted into temporary care at social relief's request. */
  temporaryCare?: TemporaryCare;
}

export function admit(a: Admission, now: Date): Transition {
  if (a.reliefStation && a.observation?.tenthsC == null) {
    throw DomainError.invalid(
      'AdmissionReadingRequired',
      'a relief station takes every admission’s temperature (一人一测): temperatureC is required',
      { field: 'temperatureC' },
    );
  }
  const resident: Resident = {
    residentId: a.residentId,
    unitId: a.unitId,
    personal: a.personal,
    birthDate: a.birthDate,
    vaccination: null,
    status: a.reliefStation ? 'isolated' : 'in-residence',
    admittedAt: now,
    admittedBy: a.by,
    isolation: a.reliefStation ? { reason: 'admission', startedAt: now, endsOn: isolationEndsOn(now) } : null,
    leaveRequests: [],
    readings: [],
    symptomCases: [],
    death: null,
    dischargedAt: null,
    ...(a.temporaryCare ? { temporaryCare: a.temporaryCare } : {}),
  };
  if (!a.observation) return { resident, events: [] };
  return record(resident, a.observation, a.feverThresholdTenthsC, a.symptomCaseId, a.by, now);
}

/** The resident as of today: a timed isolation whose end date has come is over. */
export function settle(r: Resident, now: Date): Resident {
  if (r.status === 'isolated' && r.isolation?.endsOn && isolationOver(r.isolation.endsOn, shanghaiDate(now))) {
    return { ...r, status: 'in-residence' };
  }
  return r;
}

export function openSymptomCase(r: Resident): SymptomCase | undefined {
  return r.symptomCases.find((c) => c.status === 'open');
}

/** A temperature reading, with symptoms if any; abnormal → the symptom path (unless already on it). */
export function recordReading(
  r: Resident,
  o: Observation & { tenthsC: number },
  thresholdTenthsC: number,
  symptomCaseId: string,
  by: string,
  now: Date,
): Transition {
  const current = settle(r, now);
  assertInUnit(current, 'record a temperature reading');
  assertNotFuture(o.takenAt, now, 'takenAt');
  return record(current, o, thresholdTenthsC, symptomCaseId, by, now);
}

/** Symptoms reported without an abnormal reading: the symptom path starts at once. */
export function reportSymptoms(r: Resident, symptoms: Symptom[], detectedAt: Date, symptomCaseId: string, now: Date): Transition {
  const current = settle(r, now);
  assertInUnit(current, 'report symptoms');
  assertNotFuture(detectedAt, now, 'detectedAt');
  const open = openSymptomCase(current);
  if (open) {
    throw DomainError.conflict(
      'SymptomCaseOpen',
      `resident ${r.residentId} is already isolated on the symptom path (case ${open.symptomCaseId}); transfer or clear that case first`,
      {
        symptomCaseId: open.symptomCaseId,
      },
    );
  }
  return startSymptomPath(current, { tenthsC: null, symptoms: unique(symptoms), takenAt: detectedAt }, symptomCaseId, now);
}

function record(r: Resident, o: Observation, thresholdTenthsC: number, symptomCaseId: string, by: string, now: Date): Transition {
  const fever = o.tenthsC != null && isFever(o.tenthsC, thresholdTenthsC);
  const symptoms = unique<Symptom>(fever ? ['fever', ...o.symptoms] : o.symptoms);
  const abnormal = symptoms.length > 0;
  let resident = r;
  if (o.tenthsC != null) {
    const reading: TemperatureReading = { tenthsC: o.tenthsC, takenAt: o.takenAt, recordedBy: by, symptoms, abnormal };
    resident = { ...r, readings: [...r.readings, reading].slice(-READINGS_KEPT) };
  }
  if (!abnormal || openSymptomCase(resident)) return { resident, events: [] };
  return startSymptomPath(resident, { ...o, symptoms }, symptomCaseId, now);
}

/** Detected → isolated in the unit at once → reported at once (the first steps of the path). */
function startSymptomPath(r: Resident, o: Observation, symptomCaseId: string, now: Date): Transition {
  const symptomCase: SymptomCase = {
    symptomCaseId,
    detectedAt: o.takenAt,
    isolatedAt: now,
    symptoms: o.symptoms,
    temperatureTenthsC: o.tenthsC,
    status: 'open',
    interruptedIsolation: r.status === 'isolated' ? r.isolation : null,
  };
  const resident: Resident = {
    ...r,
    status: 'isolated',
    isolation: { reason: 'symptom', startedAt: now, endsOn: null },
    symptomCases: [...r.symptomCases, symptomCase],
  };
  return { resident, events: [{ kind: 'symptom-case-opened', symptomCase }] };
}

/** The open symptom case's resident leaves for a designated hospital (转送定点医院). */
export function transfer(r: Resident, hospital: string, transferredAt: Date, by: string, now: Date): Transition {
  const open = openSymptomCase(r);
  if (!open || r.status !== 'isolated') {
    throw DomainError.conflict(
      'NoOpenSymptomCase',
      `resident ${r.residentId} is not isolated on the symptom path: only a resident with an open symptom case is transferred to a designated hospital`,
      {
        status: r.status,
      },
    );
  }
  assertNotFuture(transferredAt, now, 'transferredAt');
  if (transferredAt < open.detectedAt)
    throw DomainError.invalid('TransferBeforeDetection', 'transferredAt is before the symptoms were detected', { field: 'transferredAt' });
  const closed: SymptomCase = { ...open, status: 'transferred', transfer: { hospital, transferredAt, recordedBy: by } };
  const resident: Resident = { ...r, status: 'transferred', isolation: null, symptomCases: replaceCase(r, closed) };
  return { resident, events: [{ kind: 'transferred', symptomCase: closed }] };
}

/** The open case turns out not to be one (排除): the symptom isolation ends; a timed one resumes. */
export function clearSymptomCase(r: Resident, symptomCaseId: string, now: Date, by = 'unit'): Transition {
  return endInUnit(r, symptomCaseId, { outcome: 'cleared', at: now, recordedBy: by }, now);
}

/**
 * The resident recovered in the unit, where the health authority allowed care there instead of a
 * transfer (`allowed`: the region's setting; `approvedBy`: the health authority's approval on record).
 */
export function recoverInPlace(
  r: Resident,
  symptomCaseId: string,
  recovery: { allowed: boolean; approvedBy: string; recoveredAt: Date; by: string },
  now: Date,
): Transition {
  if (!recovery.allowed) {
    throw DomainError.conflict(
      'RecoveryInPlaceNotAllowed',
      'this region does not allow a resident on the symptom path to recover in the unit: transfer to a designated hospital, or clear the case',
      { setting: 'symptom-recovery-in-place-allowed' },
    );
  }
  assertNotFuture(recovery.recoveredAt, now, 'recoveredAt');
  const open = openSymptomCase(r);
  if (open && recovery.recoveredAt < open.detectedAt)
    throw DomainError.invalid('RecoveryBeforeDetection', 'recoveredAt is before the symptoms were detected', { field: 'recoveredAt' });
  return endInUnit(
    r,
    symptomCaseId,
    { outcome: 'recovered-in-place', at: recovery.recoveredAt, recordedBy: recovery.by, approvedBy: recovery.approvedBy },
    now,
  );
}

function endInUnit(r: Resident, symptomCaseId: string, ended: NonNullable<SymptomCase['ended']>, now: Date): Transition {
  const open = openSymptomCase(r);
  if (!open || open.symptomCaseId !== symptomCaseId) {
    throw DomainError.conflict(
      'SymptomCaseNotOpen',
      `symptom case ${symptomCaseId} of resident ${r.residentId} is not open; only an open case can be ${ended.outcome === 'cleared' ? 'cleared' : 'ended'}`,
    );
  }
  const closed: SymptomCase = { ...open, status: ended.outcome, ended, ...(ended.outcome === 'cleared' ? { clearedAt: now } : {}) };
  const resumed =
    open.interruptedIsolation?.endsOn && !isolationOver(open.interruptedIsolation.endsOn, shanghaiDate(now))
      ? open.interruptedIsolation
      : null;
  const resident: Resident = {
    ...r,
    status: resumed ? 'isolated' : 'in-residence',
    isolation: resumed ?? { reason: 'symptom', startedAt: open.isolatedAt, endsOn: shanghaiDate(now) },
    symptomCases: replaceCase(r, closed),
  };
  return { resident, events: [{ kind: 'symptom-case-ended', symptomCase: closed }] };
}

export interface LeaveApplication {
  leaveId: string;
  /** personal when absent. */
  purpose?: LeavePurpose;
  reason: string;
  fromDate: string;
  untilDate: string;
  by: string;
}

export function requestLeave(r: Resident, l: LeaveApplication, now: Date): Transition {
  const current = settle(r, now);
  if (!isLocalDate(l.fromDate)) throw DomainError.invalid('InvalidDate', 'fromDate must be a date (YYYY-MM-DD)', { field: 'fromDate' });
  if (!isLocalDate(l.untilDate)) throw DomainError.invalid('InvalidDate', 'untilDate must be a date (YYYY-MM-DD)', { field: 'untilDate' });
  if (l.fromDate < shanghaiDate(now)) throw DomainError.invalid('LeaveInPast', 'fromDate is before today', { field: 'fromDate' });
  if (l.untilDate < l.fromDate) throw DomainError.invalid('LeaveEndsBeforeStart', 'untilDate is before fromDate', { field: 'untilDate' });
  const pending = current.leaveRequests.find((x) => x.status === 'requested' || x.status === 'approved' || x.status === 'out');
  if (pending) {
    throw DomainError.conflict(
      'LeaveAlreadyOpen',
      `resident ${r.residentId} already has leave ${pending.leaveId} (${pending.status}); one leave at a time`,
      { leaveId: pending.leaveId },
    );
  }
  assertFreeInUnit(current, 'request leave');
  const leave: LeaveRequest = {
    leaveId: l.leaveId,
    purpose: l.purpose ?? 'personal',
    reason: l.reason,
    fromDate: l.fromDate,
    untilDate: l.untilDate,
    status: 'requested',
    requestedAt: now,
    requestedBy: l.by,
  };
  return { resident: { ...current, leaveRequests: [...current.leaveRequests, leave] }, events: [] };
}

/** A township or county officer approves or refuses a requested leave. */
export function decideLeave(r: Resident, leaveId: string, approve: boolean, note: string | undefined, by: string, now: Date): Transition {
  const leave = leaveOf(r, leaveId);
  if (leave.status !== 'requested') {
    throw DomainError.conflict('LeaveNotPending', `leave ${leaveId} is ${leave.status}; only a requested leave is approved or refused`, {
      status: leave.status,
    });
  }
  const decided: LeaveRequest = {
    ...leave,
    status: approve ? 'approved' : 'refused',
    decidedAt: now,
    decidedBy: by,
    ...(note ? { decisionNote: note } : {}),
  };
  return { resident: { ...r, leaveRequests: replaceLeave(r, decided) }, events: [] };
}

export function depart(r: Resident, leaveId: string, now: Date): Transition {
  const current = settle(r, now);
  const leave = leaveOf(current, leaveId);
  if (leave.status !== 'approved') {
    throw DomainError.conflict(
      'LeaveNotApproved',
      `leave ${leaveId} is ${leave.status}; a resident goes out only on approved leave (经批准同意后外出)`,
      { status: leave.status },
    );
  }
  assertFreeInUnit(current, 'go out on leave');
  const out: LeaveRequest = { ...leave, status: 'out', departedAt: now };
  return { resident: { ...current, status: 'on-leave', leaveRequests: replaceLeave(current, out) }, events: [] };
}

/**
 * Back from leave: isolated 14 days (返院需进行隔离观察). Whether the unit takes returns at all
 * (not while closed) is the unit's rule, checked before.
 */
export function returnFromLeave(r: Resident, leaveId: string, now: Date): Transition {
  const leave = leaveOf(r, leaveId);
  if (leave.status !== 'out' || r.status !== 'on-leave') {
    throw DomainError.conflict(
      'NotOutOnLeave',
      `leave ${leaveId} is ${leave.status}; only a resident out on this leave can return from it`,
      { status: leave.status },
    );
  }
  const back: LeaveRequest = { ...leave, status: 'returned', returnedAt: now };
  return {
    resident: {
      ...r,
      status: 'isolated',
      isolation: { reason: 'return-from-leave', startedAt: now, endsOn: isolationEndsOn(now) },
      leaveRequests: replaceLeave(r, back),
    },
    events: [],
  };
}

export interface DeathReport {
  deathId: string;
  diedAt: Date;
  cause: DeathCause;
  infectious: boolean;
  disease: string | null;
  by: string;
}

export function recordDeath(r: Resident, d: DeathReport, now: Date): Transition {
  if (r.status === 'deceased')
    throw DomainError.conflict('AlreadyDeceased', `the death of resident ${r.residentId} is already recorded (${r.death?.deathId})`);
  if (r.status === 'discharged')
    throw DomainError.conflict('ResidentDischarged', `resident ${r.residentId} was discharged; the unit no longer records for them`);
  assertNotFuture(d.diedAt, now, 'diedAt');
  if (d.diedAt < r.admittedAt) throw DomainError.invalid('DeathBeforeAdmission', 'diedAt is before the admission', { field: 'diedAt' });
  if (d.cause === 'infectious-disease' && !d.infectious) {
    throw DomainError.invalid('InfectiousCauseNotFlagged', 'cause infectious-disease requires infectious: true', { field: 'infectious' });
  }
  if (d.infectious && !d.disease)
    throw DomainError.invalid('DiseaseRequired', 'an infectious death names the disease (funeral operations follow its protocol)', {
      field: 'disease',
    });
  if (!d.infectious && d.disease)
    throw DomainError.invalid('DiseaseWithoutInfection', 'disease is given only for an infectious death', { field: 'disease' });
  const death: DeathRecord = {
    deathId: d.deathId,
    diedAt: d.diedAt,
    cause: d.cause,
    infectious: d.infectious,
    disease: d.disease,
    recordedAt: now,
    recordedBy: d.by,
  };
  // a death during a symptom episode ends it: supervision closes its case with that outcome
  const open = openSymptomCase(r);
  const ended: SymptomCase | undefined = open && { ...open, status: 'died', ended: { outcome: 'died', at: d.diedAt, recordedBy: d.by } };
  return {
    resident: { ...r, status: 'deceased', isolation: null, death, symptomCases: ended ? replaceCase(r, ended) : r.symptomCases },
    events: ended
      ? [
          { kind: 'symptom-case-ended', symptomCase: ended },
          { kind: 'died', death },
        ]
      : [{ kind: 'died', death }],
  };
}

/** Leaves the unit for good (not while isolated, on leave or on the symptom path). */
export function discharge(r: Resident, now: Date): Transition {
  const current = settle(r, now);
  assertFreeInUnit(current, 'be discharged');
  return { resident: { ...current, status: 'discharged', dischargedAt: now }, events: [] };
}

function assertInUnit(r: Resident, action: string): void {
  if (r.status !== 'in-residence' && r.status !== 'isolated') {
    throw DomainError.conflict('ResidentNotInUnit', `resident ${r.residentId} is ${r.status}, not in the unit: cannot ${action}`, {
      status: r.status,
    });
  }
}

/** In the unit and not isolated (an isolated resident stays put until the isolation ends). */
function assertFreeInUnit(r: Resident, action: string): void {
  if (r.status === 'isolated') {
    const until = r.isolation?.endsOn ? `until ${r.isolation.endsOn}` : 'on the symptom path';
    throw DomainError.conflict(
      'ResidentIsolated',
      `resident ${r.residentId} is isolated (${r.isolation?.reason}) ${until}: cannot ${action}`,
      { isolation: r.isolation },
    );
  }
  if (r.status !== 'in-residence') {
    throw DomainError.conflict('ResidentNotInUnit', `resident ${r.residentId} is ${r.status}, not in the unit: cannot ${action}`, {
      status: r.status,
    });
  }
}

function assertNotFuture(at: Date, now: Date, field: string): void {
  if (at.getTime() > now.getTime() + 60_000) throw DomainError.invalid('InFuture', `${field} is in the future`, { field });
}

export function purposeOf(leave: Pick<LeaveRequest, 'purpose'>): LeavePurpose {
  return leave.purpose ?? 'personal';
}

export function leaveOf(r: Resident, leaveId: string): LeaveRequest {
  const leave = r.leaveRequests.find((l) => l.leaveId === leaveId);
  if (!leave) throw DomainError.notFound('LeaveNotFound', `resident ${r.residentId} has no leave ${leaveId}`, { leaveId });
  return leave;
}

function replaceLeave(r: Resident, leave: LeaveRequest): LeaveRequest[] {
  return r.leaveRequests.map((l) => (l.leaveId === leave.leaveId ? leave : l));
}

function replaceCase(r: Resident, c: SymptomCase): SymptomCase[] {
  return r.symptomCases.map((x) => (x.symptomCaseId === c.symptomCaseId ? c : x));
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
