import type { FuneralCaseStatus, ReliefRegister } from '@civil/contracts';
import { DomainError } from '@civil/kernel';

/**
 * A funeral case (殡葬服务案件) from intake to remains released:
 * requested → dispatched → picked-up → stored → scheduled → cremated → released; cancelled.
 * Infectious-disease deaths may go straight from picked-up to scheduled (直接火化, no cold storage).
 *
 * Every move is one custody-log entry (where, who, when, why), as barcode-based funeral software
 * records them, and one FuneralCaseMoved event. Names and ID numbers are stored encrypted only.
 */
export type CaseOrigin = 'resident-died' | 'direct';

export type PlaceKind = 'place' | 'vehicle' | 'home' | 'slot' | 'cremator' | 'receiver' | 'none';

export interface CustodyEntry {
  seq: number;
  from: FuneralCaseStatus | null;
  to: FuneralCaseStatus;
  where: { kind: PlaceKind; ref: string };
  /** Principal sub, or staff id (operator), or the upstream event's source. */
  who: string;
  at: Date;
  why: string;
}

export interface EncryptedPerson {
  /** FieldCipher output. */
  name: string;
  idNumber: string | null;
  phone: string | null;
}

export interface CdcHandover {
  organisation: string;
  /** Encrypted. */
  contactName: string;
  /** Encrypted. */
  contactPhone: string;
  at: Date;
  recordedBy: string;
}

export interface CremationPlacement {
  crematorId: string;
  start: Date;
  end: Date;
  /** The schedule document (home and day) holding the booking. */
  day: string;
}

export interface CremationLog {
  crematorId: string;
  operatorStaffId: string;
  startedAt: Date;
  endedAt: Date;
  recordedBy: string;
}

export interface Release {
  /** Encrypted receiver. */
  to: EncryptedPerson;
  relation: string;
  at: Date;
  by: string;
}

export type WaiverRegister = Extract<ReliefRegister, 'dibao' | 'dispersed-extreme-poverty' | 'concentrated-extreme-poverty'>;

export interface FeeWaiver {
  waived: boolean;
  /** The register that justified it. */
  register: WaiverRegister | null;
  /** What the decision rested on. */
  basis: 'relief-status-copy' | 'no-person-key' | 'no-relief-status' | 'status-after-death';
  /** changedAt of the relief status used, if any. */
  statusChangedAt: Date | null;
  decidedAt: Date;
}

export interface FuneralCase {
  caseId: string;
  /** The flow that opened the case (the ResidentDied event's correlation id); its moves carry it. */
  correlationId?: string;
  /** Null while no home of the county could be chosen (unassigned; the county task force assigns). */
  homeId: string | null;
  /** The home's division (the county's code while unassigned). */
  divisionCode: string;
  divisionAncestors: string[];
  status: FuneralCaseStatus;
  origin: CaseOrigin;
  deathId: string | null;
  unitId: string | null;
  residentRef: string | null;
  diedAt: Date;
  infectious: boolean;
  disease: string | null;
  /** Infectious protocol: cremation must end by then. */
  cremateBy: Date | null;
  /** Set when the protocol's deadline cannot be met with the cremators and hours available. */
  deadlineAtRisk: boolean;
  cdc: CdcHandover | null;
  deceased: EncryptedPerson | null;
  family: EncryptedPerson | null;
  personKey: string | null;
  vehicleId: string | null;
  slot: number | null;
  cremation: CremationPlacement | null;
  cremationLog: CremationLog | null;
  release: Release | null;
  cancellation: { reason: string; at: Date; by: string } | null;
  feeWaiver: FeeWaiver;
  custody: CustodyEntry[];
  createdAt: Date;
}

export const CUSTODY_KIND_LABELS: Record<PlaceKind, string> = {
  place: '接运地点',
  vehicle: '接运车辆',
  home: '殡仪馆',
  slot: '冷藏柜位',
  cremator: '火化炉',
  receiver: '骨灰领取人',
  none: '—',
};

export const CASE_ORIGIN_LABELS: Record<CaseOrigin, string> = { 'resident-died': '机构报送死亡', direct: '调度直接登记' };

export const CASE_FLAG_LABELS = {
  infectious: '传染病遗体（不举行仪式，限时直接火化，会同疾控处置）',
  deadlineAtRisk: '无法在传染病火化时限内排期',
  unassigned: '未分配殡仪馆',
} as const;

export const FEE_WAIVER_LABELS: Record<FeeWaiver['basis'] | 'waived' | 'not-waived', string> = {
  waived: '基本殡葬服务费减免',
  'not-waived': '不减免',
  'relief-status-copy': '依据救助身份',
  'no-person-key': '无身份标识，无法核验救助身份',
  'no-relief-status': '未查到救助身份',
  'status-after-death': '救助身份变更晚于死亡时间，无法据此认定，需人工核实',
};

/** Where a case may go from each status. */
const NEXT: Record<FuneralCaseStatus, FuneralCaseStatus[]> = {
  requested: ['dispatched', 'cancelled'],
  dispatched: ['picked-up', 'cancelled'],
  'picked-up': ['stored', 'scheduled', 'cancelled'],
  stored: ['scheduled', 'cancelled'],
  scheduled: ['scheduled', 'cremated', 'cancelled'],
  cremated: ['released'],
  released: [],
  cancelled: [],
};

const IN_CUSTODY: FuneralCaseStatus[] = ['picked-up', 'stored', 'scheduled'];

/** Refuses a move the case's state forbids, naming the rule (409). */
export function checkMove(c: FuneralCase, to: FuneralCaseStatus): void {
  if (!c.homeId)
    throw DomainError.conflict('CaseUnassigned', `case ${c.caseId} has no funeral home yet; the county task force assigns one first`);
  const from = c.status;
  if (NEXT[from].includes(to)) {
    if (from === 'picked-up' && to === 'scheduled' && !c.infectious) {
      throw DomainError.conflict(
        'NotStored',
        'only an infectious-disease body goes from pick-up straight to cremation; store the body in cold storage first',
      );
    }
    return;
  }
  if (from === 'cancelled' || from === 'released')
    throw DomainError.conflict('CaseClosed', `case ${c.caseId} is ${from}; nothing more can happen to it`);
  if (to === 'cremated') {
    if (!IN_CUSTODY.includes(from) && from !== 'cremated')
      throw DomainError.conflict('NotInCustody', `a body not in the home's custody (case is ${from}) cannot be cremated`);
    if (from === 'cremated') throw DomainError.conflict('AlreadyCremated', 'the cremation is already logged');
    throw DomainError.conflict('NotScheduled', `the cremation must be scheduled on a cremator before it is logged (case is ${from})`);
  }
  if (to === 'released')
    throw DomainError.conflict('ReleaseBeforeCremation', `remains can be released only after the cremation (case is ${from})`);
  if (to === 'scheduled')
    throw DomainError.conflict(
      IN_CUSTODY.includes(from) || from === 'cremated' ? 'AlreadyCremated' : 'NotInCustody',
      `a cremation can be scheduled only for a body in custody, stored (case is ${from})`,
    );
  if (to === 'stored')
    throw DomainError.conflict(
      from === 'stored' ? 'AlreadyStored' : 'NotPickedUp',
      `only a picked-up body can be put in cold storage (case is ${from})`,
    );
  if (to === 'picked-up') throw DomainError.conflict('NotDispatched', `a vehicle must be dispatched before the pick-up (case is ${from})`);
  if (to === 'dispatched')
    throw DomainError.conflict('AlreadyDispatched', `a vehicle can be dispatched only to a requested case (case is ${from})`);
  if (to === 'cancelled') throw DomainError.conflict('AlreadyCremated', 'a case cannot be cancelled after the cremation');
  throw DomainError.conflict('InvalidMove', `a case cannot move from ${from} to ${to}`);
}

/** Applies a move: the new state, with the custody entry appended. */
export function move(
  c: FuneralCase,
  to: FuneralCaseStatus,
  entry: Omit<CustodyEntry, 'seq' | 'from' | 'to'>,
  patch: Partial<FuneralCase> = {},
): FuneralCase {
  checkMove(c, to);
  return { ...c, ...patch, status: to, custody: [...c.custody, { seq: c.custody.length, from: c.status, to, ...entry }] };
}

/** The first custody entry: the intake. */
export function intakeEntry(where: CustodyEntry['where'], who: string, at: Date, why: string): CustodyEntry {
  return { seq: 0, from: null, to: 'requested', where, who, at, why };
}

/** Infectious protocol: cremation ends within `hours` of death. */
export function cremateByOf(diedAt: Date, infectious: boolean, hours: number): Date | null {
  return infectious ? new Date(diedAt.getTime() + hours * 3_600_000) : null;
}

/** No ceremony (守灵, 遗体告别, 祭祀) for an infectious-disease death. */
export function ceremonyAllowed(c: Pick<FuneralCase, 'infectious'>): boolean {
  return !c.infectious;
}

/** Case ids from ResidentDied are derived from the death id: a redelivery finds the same case. */
export const CASE_ID_NAMESPACE = 'funeral-case';

/**
 * The least-loaded home of a county: the lowest of (cold-storage ratio, backlog ratio) maximum,
 * then the lower id. Null if the county has no home.
 */
export function leastLoaded<T extends { homeId: string }>(homes: readonly T[], loadOf: (h: T) => number): T | null {
  return [...homes].sort((a, b) => loadOf(a) - loadOf(b) || a.homeId.localeCompare(b.homeId))[0] ?? null;
}

/**
 * Claims and bookings live beside the case (a claim before the move is written, a booking placed
 * before it): a crash or a lost compare-and-set in between leaves them out of step. Something
 * younger than this may still belong to a move being written, so repairs leave it alone.
 */
export const IN_FLIGHT_GRACE_MS = 5 * 60_000;

/**
 * Whether a cold-storage slot or vehicle claim is stale: its case is gone, moved on, cancelled or
 * holds another one. A case just before the claiming move (picked-up for a slot, requested for a
 * vehicle) may be writing that move: its claim is stale only once older than IN_FLIGHT_GRACE_MS.
 */
export function claimIsStale(
  c: FuneralCase | null,
  claim: { kind: 'slot' | 'vehicle'; homeId: string; ref: string; at: Date },
  now: Date,
): boolean {
  if (!c || c.homeId !== claim.homeId) return true;
  const holds =
    claim.kind === 'slot'
      ? (c.status === 'stored' || c.status === 'scheduled') && String(c.slot) === claim.ref
      : (c.status === 'dispatched' || c.status === 'picked-up') && c.vehicleId === claim.ref;
  if (holds) return false;
  const claiming = claim.kind === 'slot' ? c.status === 'picked-up' : c.status === 'requested';
  return !claiming || now.getTime() - claim.at.getTime() > IN_FLIGHT_GRACE_MS;
}

/** Whether the case holds this cremation booking (its placement, scheduled or already done). */
export function holdsBooking(c: FuneralCase | null, day: string, b: { caseId: string; crematorId: string; start: Date }): boolean {
  return (
    !!c?.cremation &&
    c.caseId === b.caseId &&
    (c.status === 'scheduled' || c.status === 'cremated' || c.status === 'released') &&
    c.cremation.day === day &&
    c.cremation.crematorId === b.crematorId &&
    c.cremation.start.getTime() === b.start.getTime()
  );
}
