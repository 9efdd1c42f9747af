import { Injectable } from '@nestjs/common';
import { ReliefRegister, ReliefStatusChangedV1 } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { FieldCipher, InjectClock, PersonKeyHasher } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { checkedIdNumber, currentRegisters, endMembership, enrol, NewPerson, Person, personFacts, RegisterMembership } from '../domain/person';
import { PersonRepository } from '../infrastructure/person.repository';

const CAS_ATTEMPTS = 8;

/**
 * The one way the other capabilities of social relief know people: register (or find) a person
 * by ID number, and put them on or take them off relief registers. Register changes publish
 * ReliefStatusChanged (by person key, never the ID number) in the same write.
 */
@Injectable()
export class PersonRegistry {
  constructor(
    private readonly persons: PersonRepository,
    private readonly hasher: PersonKeyHasher,
    private readonly cipher: FieldCipher,
    private readonly relay: OutboxRelay,
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
    await this.persons.insert(person);
    const claim = await this.persons.claimKey(personKey, person.personId);
    if (!claim.claimed) return { person: await this.mustGet(claim.personId), created: false };
    return { person, created: true };
  }

  async get(personId: string): Promise<Person | undefined> {
    return (await this.persons.get(personId))?.value;
  }

  async mustGet(personId: string): Promise<Person> {
    const p = await this.get(personId);
    if (!p) throw DomainError.notFound('PersonNotFound', `no person ${personId}`, { personId });
    return p;
  }

  async getMany(personIds: readonly string[]): Promise<Map<string, Person>> {
    return this.persons.getMany(personIds);
  }

  /** The person holding an ID number, if registered. */
  async findByIdNumber(idNumber: string): Promise<Person | undefined> {
    const key = this.hasher.keyOf(checkedIdNumber(idNumber, shanghaiDate(this.clock.now())));
    const personId = await this.persons.personIdOfKey(key);
    return personId ? this.get(personId) : undefined;
  }

  /** Decrypted name and ID number, for the few screens that must show them in full. */
  reveal(person: Person): { name: string; idNumber: string; phone: string | null } {
    return { name: this.cipher.decrypt(person.nameEnc), idNumber: this.cipher.decrypt(person.idNumberEnc), phone: person.phoneEnc ? this.cipher.decrypt(person.phoneEnc) : null };
  }

  /** Puts a person on a register for a source (a household's category, a list entry) from a day. */
  enrol(personId: string, membership: Omit<RegisterMembership, 'to'>): Promise<Person> {
    return this.change(personId, (ms) => enrol(ms, membership));
  }

  /** Takes a person off a register for a source from a day (kept in the history). */
  endMembership(personId: string, register: ReliefRegister, sourceId: string, on: string): Promise<Person> {
    return this.change(personId, (ms) => endMembership(ms, register, sourceId, on));
  }

  /** Batches of people with memberships of the registers (benefit rounds scan these). */
  withMemberships(registers: readonly ReliefRegister[], batchSize?: number) {
    return this.persons.withMemberships(registers, batchSize);
  }

  private async change(personId: string, update: (ms: readonly RegisterMembership[]) => RegisterMembership[]): Promise<Person> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.persons.get(personId);
      if (!current) throw DomainError.notFound('PersonNotFound', `no person ${personId}`, { personId });
      const memberships = update(current.value.memberships);
      if (JSON.stringify(memberships) === JSON.stringify(current.value.memberships)) return current.value;
      const next = { ...current.value, memberships };
      const before = currentRegisters(current.value.memberships);
      const after = currentRegisters(memberships);
      const now = this.clock.now();
      const events =
        before.join() === after.join()
          ? []
          : [outboxEntry(ReliefStatusChangedV1, { personKey: next.personKey, registers: after, divisionCode: next.divisionCode, changedAt: now.toISOString() }, { time: now })];
      if (await this.persons.save(current.version, next, events)) {
        if (events.length) this.relay.notifyWritten(PersonRepository.COLLECTION, [{ docId: personId, entries: events }]);
        return next;
      }
    }
    throw Object.assign(new Error(`person ${personId} kept changing; try again`), { transient: true });
  }
}
