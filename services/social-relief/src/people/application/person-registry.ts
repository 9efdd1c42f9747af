import { Injectable } from '@nestjs/common';
import { ReliefRegister } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { FieldCipher, InjectClock, PersonKeyHasher } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import {
  checkedIdNumber,
  currentRegisters,
  endMembership,
  enrol,
  NewPerson,
  Person,
  personFacts,
  RegisterMembership,
} from '../domain/person';
import { RollMember } from '../domain/register-roll';
import { PersonRepository, StoredPerson } from '../infrastructure/person.repository';
import { RegisterRollRepository, RollEntry } from '../infrastructure/register-roll.repository';

/** The answer for a person id nothing is on file for, and for one outside the caller's reach. */
export const personNotFound = (personId: string) => DomainError.notFound('PersonNotFound', `no person ${personId}`, { personId });

/** The answer for an ID number nothing is on file for, and for one on file outside the caller's reach. */
export const noPersonWithIdNumber = () => DomainError.notFound('PersonNotFound', 'no person with this ID number in your jurisdiction');

/**
 * Registering (or attaching) an ID number that is on file outside the caller's jurisdiction: one
 * ID number is one person, so it cannot be registered again, but the refusal names neither the
 * person nor the division.
 */
export const registeredElsewhere = (field = 'idNumber') =>
  DomainError.forbidden(
    'OutsideJurisdiction',
    `${field}: a person with this ID number is registered outside your jurisdiction (超出管辖范围)`,
    { field },
  );

/** Never a person id (ids are `p-<uuid>`): what an unknown ID number reads, to read as much as a known one. */
const NO_PERSON = 'p-00000000-0000-0000-0000-000000000000';

/**
 * The one way the other capabilities of social relief know people: register (or find) a person
 * by ID number, and put them on or take them off relief registers. Memberships live on the
 * register roll (RegisterRollRepository), personal data on the person; reads join the two.
 * Register changes publish ReliefStatusChanged (by person key, never the ID number) in the same
 * write as the change, from the roll bucket's outbox.
 */
@Injectable()
export class PersonRegistry {
  constructor(
    private readonly persons: PersonRepository,
    private readonly roll: RegisterRollRepository,
    private readonly hasher: PersonKeyHasher,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * The person with this ID number: registered now, or the one registered before (the same person
   * in two lists is one person). 400 `InvalidIdNumber` naming the broken rule.
   */
  async register(input: NewPerson): Promise<{ person: Person; created: boolean }> {
    const now = this.clock.now();
    const idNumber = checkedIdNumber(input.idNumber, shanghaiDate(now));
    const personKey = this.hasher.keyOf(idNumber);
    const existing = await this.persons.personIdOfKey(personKey);
    if (existing) return { person: await this.mustGet(existing), created: false };
    const person: Person = {
      personId: `p-${randomUUID()}`,
      personKey,
      nameEnc: this.cipher.encrypt(input.name),
      idNumberEnc: this.cipher.encrypt(idNumber),
      phoneEnc: input.phone ? this.cipher.encrypt(input.phone) : null,
      ...personFacts(input, idNumber),
      divisionCode: input.divisionCode,
      memberships: [],
      createdAt: now,
    };
    // the document first, then the claim: a claim never points at a person that does not exist
    const { memberships: _onTheRoll, ...stored } = person;
    await this.persons.store.create(stored, []);
    const claim = await this.persons.claimKey(personKey, person.personId);
    if (!claim.claimed) return { person: await this.mustGet(claim.personId), created: false };
    return { person, created: true };
  }

  async get(personId: string): Promise<Person | undefined> {
    const stored = await this.persons.get(personId);
    if (!stored) return undefined;
    return joined(stored, (await this.roll.entries([personId])).get(personId));
  }

  async mustGet(personId: string): Promise<Person> {
    const p = await this.get(personId);
    if (!p) throw personNotFound(personId);
    return p;
  }

  async getMany(personIds: readonly string[]): Promise<Map<string, Person>> {
    const stored = await this.persons.getMany(personIds);
    const entries = await this.roll.entries([...stored.keys()]);
    return new Map([...stored].map(([id, p]) => [id, joined(p, entries.get(id))]));
  }

  /**
   * The person holding an ID number, if registered. An unknown number reads as much as a known
   * one (the claim, a person document and a roll bucket), so the time an answer takes does not
   * tell the two apart either.
   */
  async findByIdNumber(idNumber: string): Promise<Person | undefined> {
    const key = this.hasher.keyOf(checkedIdNumber(idNumber, shanghaiDate(this.clock.now())));
    const personId = (await this.persons.personIdOfKey(key)) ?? NO_PERSON;
    const [stored, entries] = await Promise.all([this.persons.get(personId), this.roll.entries([personId])]);
    return stored ? joined(stored, entries.get(personId)) : undefined;
  }

  /** Decrypted name and ID number, for the few screens that must show them in full. */
  reveal(person: Person): { name: string; idNumber: string; phone: string | null } {
    return {
      name: this.cipher.decrypt(person.nameEnc),
      idNumber: this.cipher.decrypt(person.idNumberEnc),
      phone: person.phoneEnc ? this.cipher.decrypt(person.phoneEnc) : null,
    };
  }

  /** Puts a person on a register for a source (a household's category, a list entry) from a day. */
  enrol(personId: string, membership: Omit<RegisterMembership, 'to'>): Promise<Person> {
    return this.change(personId, (ms) => enrol(ms, membership));
  }

  /** Takes a person off a register for a source from a day (kept in the history). */
  endMembership(personId: string, register: ReliefRegister, sourceId: string, on: string): Promise<Person> {
    return this.change(personId, (ms) => endMembership(ms, register, sourceId, on));
  }

  /**
   * The people on the roll with at least one membership (current or ended), in these buckets of
   * ROLL_BUCKETS; a bucket nobody was ever enrolled in is absent. Benefit rounds read these.
   */
  rollBuckets(bucketNumbers: readonly number[]): Promise<Map<number, RollMember[]>> {
    return this.roll.buckets(bucketNumbers);
  }

  /** Changes a person's memberships on the roll (ReliefStatusChanged in the same write when the current registers change). */
  private async change(personId: string, update: (ms: readonly RegisterMembership[]) => RegisterMembership[]): Promise<Person> {
    const stored = await this.persons.get(personId);
    if (!stored) throw DomainError.notFound('PersonNotFound', `no person ${personId}`, { personId });
    let result: Person | undefined;
    await this.roll.change(personId, (entry) => {
      const before = joined(stored, entry);
      const memberships = update(before.memberships);
      if (JSON.stringify(memberships) === JSON.stringify(before.memberships)) {
        result = before;
        return undefined;
      }
      const next: Person = { ...before, memberships };
      result = next;
      const after = currentRegisters(memberships);
      const at = this.clock.now();
      return {
        divisionCode: next.divisionCode,
        memberships,
        changes:
          currentRegisters(before.memberships).join() === after.join()
            ? []
            : [{ type: 'relief-status-changed', personKey: next.personKey, registers: after, divisionCode: next.divisionCode, at }],
      };
    });
    return result!;
  }
}

/** A person with their memberships: the roll's entry, else those a document from before the roll still carries. */
function joined(stored: StoredPerson, entry: RollEntry | undefined): Person {
  return { ...stored, memberships: entry?.memberships ?? stored.memberships ?? [] };
}
