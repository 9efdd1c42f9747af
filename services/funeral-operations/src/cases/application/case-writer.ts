import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { Causation } from '@civil/messaging';
import { assertFoundWithin, isUnitScoped, InjectClock, Principal } from '@civil/platform';
import { Versioned } from '@civil/persistence';
import { ReliefStatusCopyService } from '../../relief-status-copy/application/relief-status-copy.service';
import { decideFeeWaiver } from '../domain/fee-waiver';
import { FuneralCase } from '../domain/funeral-case';
import { FuneralCaseRepository } from '../infrastructure/funeral-case.repository';

/**
 * Reads cases within the caller's reach and writes each move with its FuneralCaseMoved in the same
 * single-document update, through the cases' aggregate store.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly cases: FuneralCaseRepository,
    private readonly relief: ReliefStatusCopyService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * The case, if the caller may act on it: 404 when it is unknown and, the same answer, when it is
   * another home's, not yet assigned (for a home's staff) or outside the caller's division.
   */
  async caseFor(caseId: string, by: Principal): Promise<Versioned<FuneralCase>> {
    const notFound = () => DomainError.notFound('CaseNotFound', `no funeral case ${caseId}`, { caseId });
    const c = await this.cases.get(caseId);
    if (!c) throw notFound();
    // a case no home holds yet is no home's staff's
    assertFoundWithin(by, notFound, c.value.divisionCode, c.value.homeId ?? (isUnitScoped(by) ? '' : undefined));
    return c;
  }

  /**
   * The fee waiver for the relief status as of the death (re-examined at every move, final at
   * release): once waived never withdrawn; a status changed after the death does not count.
   */
  async withFeeWaiver(c: FuneralCase): Promise<FuneralCase> {
    return (await this.feeWaiverRule(c.personKey))(c);
  }

  /** The same, as a rule to apply inside a decision (the relief status read before it). */
  async feeWaiverRule(personKey: string | null): Promise<(c: FuneralCase) => FuneralCase> {
    const status = personKey ? await this.relief.statusOf(personKey) : null;
    return (c) => ({
      ...c,
      feeWaiver: decideFeeWaiver(c.personKey, c.personKey === personKey ? status : null, this.clock.now(), {
        diedAt: c.diedAt,
        previous: c.feeWaiver ?? null,
      }),
    });
  }

  /** Changes a case within the caller's reach (404 otherwise), deciding again if it changed meanwhile. */
  async change(caseId: string, by: Principal, decide: (c: FuneralCase) => FuneralCase): Promise<FuneralCase> {
    const notFound = () => DomainError.notFound('CaseNotFound', `no funeral case ${caseId}`, { caseId });
    const { state } = await this.cases.store.change(
      caseId,
      (current) => {
        assertFoundWithin(by, notFound, current.divisionCode, current.homeId ?? (isUnitScoped(by) ? '' : undefined));
        const next = decide(current);
        const entry = next.custody[next.custody.length - 1];
        const moved = next.homeId && entry !== current.custody[current.custody.length - 1];
        return { next, changes: moved ? [{ type: 'moved', entry }] : [] };
      },
      notFound,
    );
    return state;
  }

  /**
   * Writes the case if nobody changed it since it was read, with a FuneralCaseMoved for a new last
   * custody entry of a case a home holds; false if someone did (the caller undoes what it did).
   */
  async commit(current: Versioned<FuneralCase>, next: FuneralCase): Promise<boolean> {
    const entry = next.custody[next.custody.length - 1];
    const moved = next.homeId && entry !== current.value.custody[current.value.custody.length - 1];
    return this.cases.store.saveIf(current, { next, changes: moved ? [{ type: 'moved', entry }] : [] });
  }

  /** Writes a new case; false if it exists (redelivered). */
  async insert(c: FuneralCase, cause?: Causation): Promise<boolean> {
    return this.cases.store.create(c, c.homeId ? [{ type: 'moved', entry: c.custody[0], cause }] : []);
  }

  /** Saves a change that is not a move (e.g. a flag), without an event. */
  async saveQuietly(current: Versioned<FuneralCase>, next: FuneralCase): Promise<boolean> {
    return this.cases.store.saveIf(current, { next, changes: [] });
  }

  get(caseId: string): Promise<Versioned<FuneralCase> | undefined> {
    return this.cases.get(caseId);
  }

  list(...args: Parameters<FuneralCaseRepository['list']>) {
    return this.cases.list(...args);
  }
}
