import { deterministicId, identifierIn, shanghaiDate } from '@civil/kernel';
import type { CareCause, KeyPersonCategory, RiskFlag } from '@civil/contracts';
import { VISITOR_KINDS, VisitorKind, VolunteerKind } from '../../volunteers/domain/volunteer';

/**
 * A person on a township's key-person list (重点人群清单). One entry per person and township (the
 * entry id is derived from both); the person is known only by id, the guardian's and contact's
 * names and phones only encrypted (and masked for display). Visits (探访关爱) keep a cadence; the
 * first sweep that finds an entry past its due time opens an overdue episode, which only a visit
 * ends.
 */
export const ENTRY_STATUSES = ['active', 'closed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const VISIT_MODES = ['home-visit', 'phone', 'video'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];

export const VISIT_STATES = ['on-schedule', 'overdue'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

export const FLAG_ACTIONS = ['raised', 'cleared'] as const;
export type FlagAction = (typeof FLAG_ACTIONS)[number];

export const CADENCE_GROUPS = ['child', 'elderly', 'other'] as const;
export type CadenceGroup = (typeof CADENCE_GROUPS)[number];

/** A guardian or contact person: name and phone encrypted, with their masked forms. */
export interface ProtectedContact {
  nameEnc: string;
  nameMasked: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  /** How they relate to the person (e.g. 父亲, 村网格员); not personal data. */
  relation: string;
}

export interface Visit {
  visitId: string;
  visitedAt: Date;
  /** The cadre who visited (principal sub). */
  visitor: string;
  mode: VisitMode;
  findings: string;
  /** Flags this visit raised (those already raised stay raised and are not raised again). */
  flagsRaised: RiskFlag[];
  recordedAt: Date;
  /** The overdue episode this visit ended, if any. */
  endedEpisodeId: string | null;
  /** Who made the visit: the cadre, or a social organisation, social worker or volunteer assigned to it (absent on older visits: the cadre). */
  visitorKind?: VisitorKind;
  /** The social organisation, social worker or volunteer who made it; null when the cadre did. */
  volunteerId?: string | null;
}

export interface RaisedFlag {
  flag: RiskFlag;
  raisedAt: Date;
  raisedBy: string;
  finding: string;
  /** Why a child is without care, given with a no-guardian flag (opens a care placement). */
  cause?: CareCause;
}

export interface FlagChange {
  flag: RiskFlag;
  action: FlagAction;
  at: Date;
  by: string;
  /** The finding (raised) or the reason (cleared). */
  note: string | null;
  visitId: string | null;
}

export interface OverdueEpisode {
  episodeId: string;
  dueAt: Date;
  cadenceDays: number;
  detectedAt: Date;
}

export interface KeyPersonEntry {
  entryId: string;
  townshipCode: string;
  /** Where the person lives: the township or one of its villages. */
  divisionCode: string;
  divisionAncestors: string[];
  personId: string;
  status: EntryStatus;
  categories: KeyPersonCategory[];
  flags: RaisedFlag[];
  flagHistory: FlagChange[];
  guardian: ProtectedContact | null;
  contact: ProtectedContact | null;
  notesEnc: string | null;
  visits: Visit[];
  lastVisitAt: Date | null;
  /** When the entry was created, or last reopened: the cadence counts from here until a visit. */
  activeSince: Date;
  /** The open overdue episode (null when none). */
  overdue: OverdueEpisode | null;
  /** Every overdue episode opened so far (most recent last). */
  episodeIds: string[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  closeReason: string | null;
  /**
   * The end of a 散居特困 membership an entry made (before the county's decision did) that this
   * entry's last write calls for and PersonRegistry has not yet confirmed: written in the SAME compare-and-set update as the entry, cleared once made (the
   * overdue-visit sweep retries it). Null (or absent on older entries) when in step.
   */
  registerSyncPending?: RegisterSync | null;
}

/** What to do on the 散居特困 register for an entry: end the membership it made (on `day`); 'enrol' only on markers written by older versions, never acted on. */
export interface RegisterSync {
  action: 'enrol' | 'end';
  day: string;
  markedAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The entry of a person on a township's list: one per person and township, whoever adds it. */
export function entryIdOf(townshipCode: string, personId: string): string {
  return `kp-${townshipCode}-${deterministicId('key-person-entry', townshipCode, personId)}`;
}

const CHILD_CATEGORIES: readonly KeyPersonCategory[] = ['de-facto-unsupported-child', 'left-behind-child', 'orphan', 'child-in-difficulty'];

/** Which cadence setting a category follows: children, empty-nest elderly, everyone else. */
export function cadenceGroupOf(category: KeyPersonCategory): CadenceGroup {
  if (CHILD_CATEGORIES.includes(category)) return 'child';
  if (category === 'empty-nest-elderly') return 'elderly';
  return 'other';
}

export interface CadenceSettings {
  child: number;
  elderly: number;
  other: number;
  /** The most days allowed between visits while the area is at medium or high risk. */
  atRisk: number;
}

/**
 * Days allowed between visits: the shortest of the entry's categories, and at most the at-risk
 * cadence while the area's risk level is medium or high.
 */
export function cadenceDays(categories: readonly KeyPersonCategory[], settings: CadenceSettings, elevated: boolean): number {
  if (categories.length === 0) throw new RangeError('an entry has at least one category');
  const base = Math.min(...categories.map((c) => settings[cadenceGroupOf(c)]));
  return elevated ? Math.min(base, settings.atRisk) : base;
}

/** What the cadence counts from: the last visit, or when the entry became active if later. */
export function visitBase(entry: Pick<KeyPersonEntry, 'lastVisitAt' | 'activeSince'>): Date {
  return entry.lastVisitAt && entry.lastVisitAt.getTime() > entry.activeSince.getTime() ? entry.lastVisitAt : entry.activeSince;
}

/** When the next visit is due: the base plus the cadence (whole days of 24 hours). */
export function nextDueAt(entry: Pick<KeyPersonEntry, 'lastVisitAt' | 'activeSince'>, cadence: number): Date {
  return new Date(visitBase(entry).getTime() + cadence * DAY_MS);
}

/** Overdue once the due time has passed (a visit exactly at the due time is on time). */
export function isPastDue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}

/** Entry and Beijing due date; a (rare) repeat of an earlier episode's id gets a sequence suffix. */
export function episodeIdFor(entryId: string, dueAt: Date, earlier: readonly string[]): string {
  const id = `${entryId}:${shanghaiDate(dueAt)}`;
  if (!earlier.includes(id)) return id;
  let n = 2;
  while (earlier.includes(`${id}#${n}`)) n++;
  return `${id}#${n}`;
}

type SweepView = Pick<KeyPersonEntry, 'entryId' | 'status' | 'lastVisitAt' | 'activeSince' | 'overdue' | 'episodeIds'>;

/**
 * The overdue episode to open now, if any: an active entry past its due time with no episode open.
 * An open episode stays open (however long, whatever the cadence does) until a visit ends it.
 */
export function episodeToOpen(entry: SweepView, cadence: number, now: Date): OverdueEpisode | undefined {
  if (entry.status !== 'active' || entry.overdue) return undefined;
  const dueAt = nextDueAt(entry, cadence);
  if (!isPastDue(dueAt, now)) return undefined;
  return { episodeId: episodeIdFor(entry.entryId, dueAt, entry.episodeIds), dueAt, cadenceDays: cadence, detectedAt: now };
}

/** Opens an episode on the entry (the caller publishes VisitOverdue with it). */
export function openEpisode(entry: KeyPersonEntry, episode: OverdueEpisode): KeyPersonEntry {
  return { ...entry, overdue: episode, episodeIds: [...entry.episodeIds, episode.episodeId] };
}

export interface NewVisit {
  visitedAt: Date;
  visitor: string;
  mode: VisitMode;
  findings: string;
  flags: readonly RiskFlag[];
  /** The social organisation, social worker or volunteer who made the visit the cadre records. */
  assigned?: { volunteerId: string; kind: VolunteerKind } | null;
  /** Why a child is without care, for a no-guardian flag the visit raises. */
  cause?: CareCause;
}

/**
 * Records a visit. A visit after the current base moves the due date and ends the open episode;
 * a visit recorded late with an earlier time is kept but changes neither. Flags not yet raised are
 * raised (returned in `raised`); flags already raised stay as they are.
 */
export function recordVisit(entry: KeyPersonEntry, v: NewVisit, now: Date): { entry: KeyPersonEntry; visit: Visit; raised: RaisedFlag[] } {
  const visitId = `${entry.entryId}:v${entry.visits.length + 1}`;
  const moves = v.visitedAt.getTime() > visitBase(entry).getTime();
  const endedEpisodeId = moves && entry.overdue ? entry.overdue.episodeId : null;
  const already = new Set(entry.flags.map((f) => f.flag));
  const fresh = [...new Set(v.flags)].filter((f) => !already.has(f));
  const raised: RaisedFlag[] = fresh.map((flag) => ({
    flag,
    raisedAt: now,
    raisedBy: v.visitor,
    finding: v.findings,
    ...(flag === 'no-guardian' && v.cause ? { cause: v.cause } : {}),
  }));
  const visit: Visit = {
    visitId,
    visitedAt: v.visitedAt,
    visitor: v.visitor,
    mode: v.mode,
    findings: v.findings,
    flagsRaised: fresh,
    recordedAt: now,
    endedEpisodeId,
    visitorKind: v.assigned?.kind ?? 'cadre',
    volunteerId: v.assigned?.volunteerId ?? null,
  };
  const lastVisitAt = !entry.lastVisitAt || v.visitedAt.getTime() > entry.lastVisitAt.getTime() ? v.visitedAt : entry.lastVisitAt;
  return {
    entry: {
      ...entry,
      visits: [...entry.visits, visit],
      lastVisitAt,
      overdue: endedEpisodeId ? null : entry.overdue,
      flags: [...entry.flags, ...raised],
      flagHistory: [
        ...entry.flagHistory,
        ...raised.map((r) => ({ flag: r.flag, action: 'raised' as const, at: now, by: v.visitor, note: r.finding, visitId })),
      ],
      updatedAt: now,
      updatedBy: v.visitor,
    },
    visit,
    raised,
  };
}

/** Raises one flag directly; undefined if it is raised already (the caller answers 409). */
export function raiseFlag(
  entry: KeyPersonEntry,
  flag: RiskFlag,
  finding: string,
  by: string,
  now: Date,
  cause?: CareCause,
): { entry: KeyPersonEntry; raised: RaisedFlag } | undefined {
  if (entry.flags.some((f) => f.flag === flag)) return undefined;
  const raised: RaisedFlag = { flag, raisedAt: now, raisedBy: by, finding, ...(cause ? { cause } : {}) };
  return {
    entry: {
      ...entry,
      flags: [...entry.flags, raised],
      flagHistory: [...entry.flagHistory, { flag, action: 'raised', at: now, by, note: finding, visitId: null }],
      updatedAt: now,
      updatedBy: by,
    },
    raised,
  };
}

/** Clears a raised flag (kept in the history); undefined if it is not raised (409). */
export function clearFlag(entry: KeyPersonEntry, flag: RiskFlag, reason: string | null, by: string, now: Date): KeyPersonEntry | undefined {
  if (!entry.flags.some((f) => f.flag === flag)) return undefined;
  return {
    ...entry,
    flags: entry.flags.filter((f) => f.flag !== flag),
    flagHistory: [...entry.flagHistory, { flag, action: 'cleared', at: now, by, note: reason, visitId: null }],
    updatedAt: now,
    updatedBy: by,
  };
}

/** Closes the entry: no more visits are due; an open episode ends with it. */
export function closeEntry(entry: KeyPersonEntry, reason: string, by: string, now: Date): KeyPersonEntry {
  return { ...entry, status: 'closed', overdue: null, closedAt: now, closedBy: by, closeReason: reason, updatedAt: now, updatedBy: by };
}

/**
 * Whether the entry lists the person as 散居特困. It records care needs (visits, flags) only: the
 * 特困 register is the county's decision on an application (seed 003 篇八: 经县级人民政府民政部门审核确认),
 * so no entry puts anyone on it.
 */
export function listsExtremePoverty(entry: Pick<KeyPersonEntry, 'status' | 'categories'>): boolean {
  return entry.status === 'active' && entry.categories.includes('dispersed-extreme-poverty');
}

/**
 * The register change the entry as it is now calls for: none while it lists 散居特困 (a list never
 * enrols); when the category goes or the entry closes, the end of a membership an entry made before
 * the county's decision did so (a no-op on the register when there is none).
 */
export function registerSyncFor(entry: Pick<KeyPersonEntry, 'status' | 'categories'>, day: string, at: Date): RegisterSync | null {
  return listsExtremePoverty(entry) ? null : { action: 'end', day, markedAt: at };
}

/** Categories without repeats, in vocabulary order. */
export function normalisedCategories(
  categories: readonly KeyPersonCategory[],
  vocabulary: readonly KeyPersonCategory[],
): KeyPersonCategory[] {
  return vocabulary.filter((c) => categories.includes(c));
}

/**
 * Why a finding that goes into an event would carry personal data (an ID number, a mobile number
 * or one of the names given), or undefined. The reason never repeats the value.
 */
export function personalDataIn(text: string, names: readonly string[]): string | undefined {
  const identifier = identifierIn(text);
  if (identifier) return identifier;
  if (names.some((n) => n.length >= 2 && text.includes(n))) return 'must not contain a name (write 当事人 / 监护人 instead)';
  return undefined;
}

/** Visits made in a period, counted by who made them (cadres, social workers, volunteers, social organisations). */
export interface VisitFigures {
  visits: number;
  byVisitorKind: Record<VisitorKind, number>;
  byMode: Record<VisitMode, number>;
}

/** Counts visits whose time is in [from, to) by who made them and how; older visits without a visitor kind are the cadre's. */
export function visitFigures(visits: Iterable<Pick<Visit, 'visitedAt' | 'mode' | 'visitorKind'>>, from: Date, to: Date): VisitFigures {
  const f: VisitFigures = {
    visits: 0,
    byVisitorKind: Object.fromEntries(VISITOR_KINDS.map((k) => [k, 0])) as Record<VisitorKind, number>,
    byMode: Object.fromEntries(VISIT_MODES.map((m) => [m, 0])) as Record<VisitMode, number>,
  };
  for (const v of visits) {
    const t = v.visitedAt.getTime();
    if (t < from.getTime() || t >= to.getTime()) continue;
    f.visits++;
    f.byVisitorKind[v.visitorKind ?? 'cadre']++;
    f.byMode[v.mode]++;
  }
  return f;
}
