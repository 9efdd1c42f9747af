import { Injectable } from '@nestjs/common';
import { Clock, DomainError, maskName, maskPhone, shanghaiDate } from '@civil/kernel';
import { assertCovers, FieldCipher, InjectClock, Principal } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { Person } from '../../people/domain/person';
import { KeyPersonEntry, personalDataIn, ProtectedContact } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { entryDetail } from './entry-view';
import { KeyPersonEntryChange } from './key-person-entry-events';
import { VisitCadence } from './visit-cadence';

export interface ContactInput {
  name: string;
  phone?: string | null;
  relation: string;
}

/**
 * What the use cases of a township's key-person list (重点人群清单) share: an entry of the township's
 * list read or changed (404 for another township's), its detail as shown, findings checked before
 * they are published, and the personal data of guardians, contacts and notes kept encrypted.
 */
@Injectable()
export class TownshipEntries {
  constructor(
    private readonly entries: KeyPersonEntryRepository,
    private readonly registry: PersonRegistry,
    private readonly cadence: VisitCadence,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async load(townshipCode: string, entryId: string, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    const found = await this.entries.get(entryId);
    if (!found || found.value.townshipCode !== townshipCode) throw entryNotFound(townshipCode, entryId);
    return found;
  }

  /** Changes an entry of the township's list (404 for another township's), deciding again if it changed meanwhile. */
  async change(
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

  async detail(entry: KeyPersonEntry, now: Date, person?: Person) {
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
  async checkFindingFor(townshipCode: string, entryId: string, finding: string, field: string, by: Principal): Promise<void> {
    const { value } = await this.load(townshipCode, entryId, by);
    const person = await this.registry.get(value.personId);
    const names = [
      person ? this.registry.reveal(person).name : undefined,
      ...[value.guardian, value.contact].map((c) => (c ? this.cipher.decrypt(c.nameEnc) : undefined)),
    ];
    checkFinding(finding, field, names);
  }

  protect(c: ContactInput | null): ProtectedContact | null {
    if (!c) return null;
    return {
      nameEnc: this.cipher.encrypt(c.name),
      nameMasked: maskName(c.name),
      phoneEnc: c.phone ? this.cipher.encrypt(c.phone) : null,
      phoneMasked: c.phone ? maskPhone(c.phone) : null,
      relation: c.relation,
    };
  }

  protectNotes(notes: string | null): string | null {
    return notes ? this.cipher.encrypt(notes) : null;
  }

  notesOf(notesEnc: string | null): string | null {
    return notesEnc ? this.cipher.decrypt(notesEnc) : null;
  }
}

/** A finding is required with a risk flag, and may not carry the names given or other personal data. */
export function checkFinding(finding: string, field: string, names: (string | undefined)[]): void {
  if (!finding.trim()) throw DomainError.invalid('FindingRequired', `${field} is required when raising a risk flag`, { field });
  const problem = personalDataIn(
    finding,
    names.filter((n): n is string => !!n),
  );
  if (problem) throw DomainError.invalid('PersonalDataInFinding', `${field} ${problem}: it is published with the risk flag`, { field });
}

export function checkTownship(townshipCode: string): void {
  if (!/^\d{9}$/.test(townshipCode))
    throw DomainError.invalid('InvalidTownshipCode', 'townshipCode must be a 9-digit township (乡镇/街道) code', { field: 'townshipCode' });
}

export function assertActive(entry: KeyPersonEntry): void {
  if (entry.status !== 'active')
    throw DomainError.conflict('EntryClosed', 'the entry is closed: add the person to the list again to reopen it', {
      entryId: entry.entryId,
      rule: 'closed-entry',
    });
}

function entryNotFound(townshipCode: string, entryId: string): DomainError {
  return DomainError.notFound('EntryNotFound', `no entry ${entryId} on the list of ${townshipCode}`, { entryId });
}
