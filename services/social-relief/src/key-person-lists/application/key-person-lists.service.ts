import { Injectable } from '@nestjs/common';
import { KEY_PERSON_CATEGORIES, KeyPersonCategory, RISK_FLAGS, RiskFlag } from '@civil/contracts';
import { Clock, divisionAncestors, DomainError, maskName, maskPhone, shanghaiDate } from '@civil/kernel';
import { assertCovers, FieldCipher, InjectClock, Principal } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { Person } from '../../people/domain/person';
import {
  clearFlag,
  closeEntry,
  entryIdOf,
  isPastDue,
  KeyPersonEntry,
  nextDueAt,
  normalisedCategories,
  personalDataIn,
  ProtectedContact,
  raiseFlag,
  recordVisit,
  registerSyncFor,
  VisitMode,
} from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { EntryRegisterSync } from './entry-register-sync';
import { entryDetail, entrySummary } from './entry-view';
import { KeyPersonEntryChange } from './key-person-entry-events';
import { VisitCadence } from './visit-cadence';

export interface ContactInput {
  name: string;
  phone?: string | null;
  relation: string;
}

export interface NewEntryInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  villageCode?: string;
  categories: KeyPersonCategory[];
  riskFlags?: RiskFlag[];
  finding?: string;
  guardian?: ContactInput | null;
  contact?: ContactInput | null;
  notes?: string | null;
}

export interface EntryPatch {
  categories?: KeyPersonCategory[];
  guardian?: ContactInput | null;
  contact?: ContactInput | null;
  notes?: string | null;
}

export interface VisitInput {
  visitedAt?: string;
  mode: VisitMode;
  findings: string;
  flags?: RiskFlag[];
}

export interface ListFilter {
  category?: string;
  flag?: string;
  overdue?: string;
  status?: string;
}

/**
 * Township key-person lists (重点人群清单): entries, visits (探访关爱), risk flags. The person is
 * registered (or found) through PersonRegistry; 散居特困 on an active entry keeps the person on
 * that relief register. RiskFlagRaised is written in the same update as the flag. A change that
 * moves the register writes a `registerSyncPending` marker in the same update; the register is
 * changed after, and the marker cleared (EntryRegisterSync; the overdue-visit sweep retries).
 */
@Injectable()
export class KeyPersonListsService {
  constructor(
    private readonly entries: KeyPersonEntryRepository,
    private readonly registry: PersonRegistry,
    private readonly registerSync: EntryRegisterSync,
    private readonly cadence: VisitCadence,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Adds a person to a township's list (or reopens their closed entry); 409 if already on it. */
  async add(townshipCode: string, input: NewEntryInput, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    if (input.villageCode && !input.villageCode.startsWith(townshipCode)) {
      throw DomainError.invalid('VillageOutsideTownship', `villageCode must be a village of township ${townshipCode}`, {
        field: 'villageCode',
      });
    }
    const flags = [...new Set(input.riskFlags ?? [])];
    if (flags.length) this.checkFinding(input.finding ?? '', 'finding', [input.name, input.guardian?.name, input.contact?.name]);
    const { person, created: personCreated } = await this.registry.register({
      name: input.name,
      idNumber: input.idNumber,
      phone: input.phone ?? null,
      divisionCode: input.villageCode ?? townshipCode,
    });
    const entryId = entryIdOf(townshipCode, person.personId);
    const now = this.clock.now();
    // encrypted once, before the write (undefined: not given)
    const guardian = input.guardian === undefined ? undefined : this.protect(input.guardian);
    const contact = input.contact === undefined ? undefined : this.protect(input.contact);
    const notesEnc = input.notes === undefined ? undefined : this.protectNotes(input.notes);
    let reopened = false;
    const { state } = await this.entries.store.upsert(entryId, (current) => {
      if (current?.status === 'active') {
        throw DomainError.conflict(
          'AlreadyOnList',
          `the person is already on the list of ${townshipCode} (one entry per person and township)`,
          { entryId, personId: person.personId },
        );
      }
      reopened = !!current;
      let entry: KeyPersonEntry = current
        ? {
            ...current,
            status: 'active',
            categories: normalisedCategories(input.categories, KEY_PERSON_CATEGORIES),
            guardian: guardian !== undefined ? guardian : current.guardian,
            contact: contact !== undefined ? contact : current.contact,
            notesEnc: notesEnc !== undefined ? notesEnc : current.notesEnc,
            activeSince: now,
            overdue: null,
            updatedAt: now,
            updatedBy: by.sub,
            closedAt: null,
            closedBy: null,
            closeReason: null,
          }
        : {
            entryId,
            townshipCode,
            divisionCode: input.villageCode ?? townshipCode,
            divisionAncestors: divisionAncestors(input.villageCode ?? townshipCode),
            personId: person.personId,
            status: 'active',
            categories: normalisedCategories(input.categories, KEY_PERSON_CATEGORIES),
            flags: [],
            flagHistory: [],
            guardian: guardian ?? null,
            contact: contact ?? null,
            notesEnc: notesEnc ?? null,
            visits: [],
            lastVisitAt: null,
            activeSince: now,
            overdue: null,
            episodeIds: [],
            createdAt: now,
            createdBy: by.sub,
            updatedAt: now,
            updatedBy: by.sub,
            closedAt: null,
            closedBy: null,
            closeReason: null,
          };
      const changes: KeyPersonEntryChange[] = [];
      for (const flag of flags) {
        const r = raiseFlag(entry, flag, input.finding!, by.sub, now);
        if (r) {
          entry = r.entry;
          changes.push({ type: 'flag-raised', raised: r.raised, at: now });
        }
      }
      entry = { ...entry, registerSyncPending: registerSyncFor(entry, shanghaiDate(now), now) };
      return { next: entry, changes };
    });
    const synced = await this.registerSync.settle(entryId);
    return { created: !reopened, reopened, personCreated, entry: await this.detail(state!, now, synced) };
  }

  async get(townshipCode: string, entryId: string, by: Principal) {
    const { value } = await this.load(townshipCode, entryId, by);
    return this.detail(value, this.clock.now());
  }

  /** A township's list, filtered by category, flag, overdue (now) and status (default active). */
  async list(townshipCode: string, filter: ListFilter, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    const category = optionalOf(filter.category, KEY_PERSON_CATEGORIES, 'category');
    const flag = optionalOf(filter.flag, RISK_FLAGS, 'flag');
    const overdue = optionalOf(filter.overdue, ['true', 'false'] as const, 'overdue');
    const status = optionalOf(filter.status, ['active', 'closed', 'all'] as const, 'status') ?? 'active';
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const cadenceOf = this.cadence.memo(now);
    const rows = (await this.entries.ofTownship(townshipCode))
      .filter((e) => status === 'all' || e.status === status)
      .filter((e) => !category || e.categories.includes(category))
      .filter((e) => !flag || e.flags.some((f) => f.flag === flag));
    const withCadence = await Promise.all(rows.map(async (e) => ({ e, cadence: await cadenceOf(e.divisionCode, e.categories) })));
    const shown = withCadence.filter(({ e, cadence }) => {
      if (!overdue) return true;
      const late = e.status === 'active' && isPastDue(nextDueAt(e, cadence.days), now);
      return overdue === 'true' ? late : !late;
    });
    const persons = await this.registry.getMany(shown.map(({ e }) => e.personId));
    const items = shown
      .map(({ e, cadence }) => entrySummary(e, { person: persons.get(e.personId), cadence, now, today, notes: this.notesOf(e.notesEnc) }))
      .sort(
        (a, b) =>
          (a.nextVisitDueAt?.getTime() ?? Infinity) - (b.nextVisitDueAt?.getTime() ?? Infinity) || a.entryId.localeCompare(b.entryId),
      );
    return { townshipCode, count: items.length, entries: items };
  }

  /** Changes categories, guardian, contact or notes; 散居特困 added or removed moves the register. */
  async update(townshipCode: string, entryId: string, patch: EntryPatch, by: Principal) {
    // encrypted once, before the write (undefined: not given)
    const guardian = patch.guardian === undefined ? undefined : this.protect(patch.guardian);
    const contact = patch.contact === undefined ? undefined : this.protect(patch.contact);
    const notesEnc = patch.notes === undefined ? undefined : this.protectNotes(patch.notes);
    const next = await this.change(townshipCode, entryId, by, (entry, now) => {
      assertActive(entry);
      const changed: KeyPersonEntry = {
        ...entry,
        categories: patch.categories ? normalisedCategories(patch.categories, KEY_PERSON_CATEGORIES) : entry.categories,
        guardian: guardian !== undefined ? guardian : entry.guardian,
        contact: contact !== undefined ? contact : entry.contact,
        notesEnc: notesEnc !== undefined ? notesEnc : entry.notesEnc,
        updatedAt: now,
        updatedBy: by.sub,
      };
      // categories may add or drop 散居特困: the register change is recorded with the entry
      if (patch.categories) changed.registerSyncPending = registerSyncFor(changed, shanghaiDate(now), now);
      return { entry: changed, changes: [] };
    });
    const synced = next.registerSyncPending ? await this.registerSync.settle(entryId) : undefined;
    return this.detail(next, this.clock.now(), synced);
  }

  /** Records a visit (探访关爱): ends an open overdue episode; raises the flags found. */
  async recordVisit(townshipCode: string, entryId: string, input: VisitInput, by: Principal) {
    const now = this.clock.now();
    const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
    if (visitedAt.getTime() > now.getTime())
      throw DomainError.invalid('VisitInFuture', 'visitedAt cannot be in the future', { field: 'visitedAt' });
    if (input.flags?.length) await this.checkFindingFor(townshipCode, entryId, input.findings, 'findings', by);
    let visitId = '';
    let endedEpisodeId: string | null = null;
    let raisedFlags: RiskFlag[] = [];
    const next = await this.change(townshipCode, entryId, by, (entry, at) => {
      assertActive(entry);
      const r = recordVisit(
        entry,
        { visitedAt, visitor: by.sub, mode: input.mode, findings: input.findings, flags: input.flags ?? [] },
        at,
      );
      visitId = r.visit.visitId;
      endedEpisodeId = r.visit.endedEpisodeId;
      raisedFlags = r.raised.map((f) => f.flag);
      const changes: KeyPersonEntryChange[] = [
        ...(r.visit.endedEpisodeId ? [{ type: 'overdue-ended' as const, visit: r.visit, at }] : []),
        ...r.raised.map((raised) => ({ type: 'flag-raised' as const, raised, at })),
      ];
      return { entry: r.entry, changes };
    });
    return { visitId, endedEpisodeId, flagsRaised: raisedFlags, entry: await this.detail(next, this.clock.now()) };
  }

  /** Raises a risk flag directly; 409 `FlagAlreadyRaised` if it is raised (clear it first). */
  async raise(townshipCode: string, entryId: string, flag: RiskFlag, finding: string, by: Principal) {
    await this.checkFindingFor(townshipCode, entryId, finding, 'finding', by);
    const next = await this.change(townshipCode, entryId, by, (entry, now) => {
      assertActive(entry);
      const r = raiseFlag(entry, flag, finding, by.sub, now);
      if (!r)
        throw DomainError.conflict('FlagAlreadyRaised', `${flag} is already raised on this entry; clear it before raising it again`, {
          flag,
          rule: 'flag-raised-once',
        });
      return { entry: r.entry, changes: [{ type: 'flag-raised', raised: r.raised, at: now }] };
    });
    return this.detail(next, this.clock.now());
  }

  /** Clears a raised flag (recorded in the flag history; no event); 409 `FlagNotRaised` otherwise. */
  async clear(townshipCode: string, entryId: string, flagParam: string, reason: string | null, by: Principal) {
    if (!(RISK_FLAGS as readonly string[]).includes(flagParam))
      throw DomainError.invalid('UnknownRiskFlag', `flag must be one of: ${RISK_FLAGS.join(', ')}`, { field: 'flag' });
    const flag = flagParam as RiskFlag;
    const next = await this.change(townshipCode, entryId, by, (entry, now) => {
      assertActive(entry);
      const cleared = clearFlag(entry, flag, reason, by.sub, now);
      if (!cleared) throw DomainError.conflict('FlagNotRaised', `${flag} is not raised on this entry`, { flag });
      return { entry: cleared, changes: [] };
    });
    return this.detail(next, this.clock.now());
  }

  /** Takes the entry off the list (kept, with its history); ends its 散居特困 membership. */
  async close(townshipCode: string, entryId: string, reason: string, by: Principal) {
    const next = await this.change(townshipCode, entryId, by, (entry, now) => {
      if (entry.status === 'closed')
        throw DomainError.conflict('EntryClosed', 'the entry is already closed', { entryId, rule: 'closed-entry' });
      const closed = closeEntry(entry, reason, by.sub, now);
      return { entry: { ...closed, registerSyncPending: registerSyncFor(closed, shanghaiDate(now), now) }, changes: [] };
    });
    const synced = await this.registerSync.settle(entryId);
    return this.detail(next, this.clock.now(), synced);
  }

  private async load(townshipCode: string, entryId: string, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    const found = await this.entries.get(entryId);
    if (!found || found.value.townshipCode !== townshipCode) throw entryNotFound(townshipCode, entryId);
    return found;
  }

  /** Changes an entry of the township's list (404 for another township's), deciding again if it changed meanwhile. */
  private async change(
    townshipCode: string,
    entryId: string,
    by: Principal,
    decide: (entry: KeyPersonEntry, now: Date) => { entry: KeyPersonEntry; changes: KeyPersonEntryChange[] },
  ): Promise<KeyPersonEntry> {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    const notFound = () => entryNotFound(townshipCode, entryId);
    const { state } = await this.entries.store.change(
      entryId,
      (current) => {
        if (current.townshipCode !== townshipCode) throw notFound();
        const { entry, changes } = decide(current, this.clock.now());
        return { next: entry, changes };
      },
      notFound,
    );
    return state;
  }

  private async detail(entry: KeyPersonEntry, now: Date, person?: Person) {
    const cadence = await this.cadence.memo(now)(entry.divisionCode, entry.categories);
    return entryDetail(entry, {
      person: person ?? (await this.registry.get(entry.personId)),
      cadence,
      now,
      today: shanghaiDate(now),
      notes: this.notesOf(entry.notesEnc),
    });
  }

  /** A finding goes into RiskFlagRaised: it may not name the person, guardian or contact. */
  private async checkFindingFor(townshipCode: string, entryId: string, finding: string, field: string, by: Principal): Promise<void> {
    const { value } = await this.load(townshipCode, entryId, by);
    const person = await this.registry.get(value.personId);
    const names = [
      person ? this.registry.reveal(person).name : undefined,
      ...[value.guardian, value.contact].map((c) => (c ? this.cipher.decrypt(c.nameEnc) : undefined)),
    ];
    this.checkFinding(finding, field, names);
  }

  private checkFinding(finding: string, field: string, names: (string | undefined)[]): void {
    if (!finding.trim()) throw DomainError.invalid('FindingRequired', `${field} is required when raising a risk flag`, { field });
    const problem = personalDataIn(
      finding,
      names.filter((n): n is string => !!n),
    );
    if (problem) throw DomainError.invalid('PersonalDataInFinding', `${field} ${problem}: it is published with the risk flag`, { field });
  }

  private protect(c: ContactInput | null): ProtectedContact | null {
    if (!c) return null;
    return {
      nameEnc: this.cipher.encrypt(c.name),
      nameMasked: maskName(c.name),
      phoneEnc: c.phone ? this.cipher.encrypt(c.phone) : null,
      phoneMasked: c.phone ? maskPhone(c.phone) : null,
      relation: c.relation,
    };
  }

  private protectNotes(notes: string | null): string | null {
    return notes ? this.cipher.encrypt(notes) : null;
  }

  private notesOf(notesEnc: string | null): string | null {
    return notesEnc ? this.cipher.decrypt(notesEnc) : null;
  }
}

function checkTownship(townshipCode: string): void {
  if (!/^\d{9}$/.test(townshipCode))
    throw DomainError.invalid('InvalidTownshipCode', 'townshipCode must be a 9-digit township (乡镇/街道) code', { field: 'townshipCode' });
}

function assertActive(entry: KeyPersonEntry): void {
  if (entry.status !== 'active')
    throw DomainError.conflict('EntryClosed', 'the entry is closed: add the person to the list again to reopen it', {
      entryId: entry.entryId,
      rule: 'closed-entry',
    });
}

function optionalOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw DomainError.invalid('InvalidFilter', `${field} must be one of: ${allowed.join(', ')}`, { field });
  return value as T;
}

function entryNotFound(townshipCode: string, entryId: string): DomainError {
  return DomainError.notFound('EntryNotFound', `no entry ${entryId} on the list of ${townshipCode}`, { entryId });
}
