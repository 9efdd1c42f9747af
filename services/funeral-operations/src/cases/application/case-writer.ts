import { Injectable } from '@nestjs/common';
import { FuneralCaseMovedV1 } from '@civil/contracts';
import { Clock, deterministicId, DomainError } from '@civil/kernel';
import { Causation, OutboxEntry, outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertFoundWithin, isUnitScoped, InjectClock, Principal } from '@civil/platform';
import { Versioned } from '@civil/persistence';
import { ReliefStatusCopyService } from '../../relief-status-copy/application/relief-status-copy.service';
import { decideFeeWaiver } from '../domain/fee-waiver';
import { CustodyEntry, FuneralCase } from '../domain/funeral-case';
import { FuneralCaseRepository } from '../infrastructure/funeral-case.repository';

/**
 * Reads cases within the caller's reach and writes each move with its FuneralCaseMoved in the same
 * single-document update (event id derived from the case and the custody entry: exactly once).
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly cases: FuneralCaseRepository,
    private readonly relief: ReliefStatusCopyService,
    private readonly relay: OutboxRelay,
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
   * A move's event. A case opened by another service's event keeps that flow's correlation id on
   * every move, and its first move names that event as its cause, so one timeline shows both.
   */
  movedEvent(c: FuneralCase, entry: CustodyEntry, cause?: Causation): OutboxEntry {
    return outboxEntry(
      FuneralCaseMovedV1,
      {
        caseId: c.caseId,
        homeId: c.homeId!,
        divisionCode: c.divisionCode,
        from: entry.from,
        to: entry.to,
        infectious: c.infectious,
        origin: c.origin,
        unitId: c.unitId,
        cremateBy: c.cremateBy ? c.cremateBy.toISOString() : null,
        at: entry.at.toISOString(),
      },
      {
        time: entry.at,
        id: deterministicId('funeral-case-moved', c.caseId, String(entry.seq)),
        ...(cause ?? (c.correlationId ? { correlationId: c.correlationId } : {})),
      },
    );
  }

  /**
   * The fee waiver for the relief status as of the death (re-examined at every move, final at
   * release): once waived never withdrawn; a status changed after the death does not count.
   */
  async withFeeWaiver(c: FuneralCase): Promise<FuneralCase> {
    const status = c.personKey ? await this.relief.statusOf(c.personKey) : null;
    return { ...c, feeWaiver: decideFeeWaiver(c.personKey, status, this.clock.now(), { diedAt: c.diedAt, previous: c.feeWaiver ?? null }) };
  }

  /** Writes the move (the last custody entry) if nobody changed the case since it was read. */
  async commit(current: Versioned<FuneralCase>, next: FuneralCase): Promise<boolean> {
    const entry = next.custody[next.custody.length - 1];
    const events = next.homeId && entry !== current.value.custody[current.value.custody.length - 1] ? [this.movedEvent(next, entry)] : [];
    if (!(await this.cases.save(current.version, next, events))) return false;
    if (events.length) this.relay.notifyWritten(FuneralCaseRepository.COLLECTION, [{ docId: next.caseId, entries: events }]);
    return true;
  }

  /** Writes a new case; false if it exists (redelivered). */
  async insert(c: FuneralCase, cause?: Causation): Promise<boolean> {
    const events = c.homeId ? [this.movedEvent(c, c.custody[0], cause)] : [];
    if (!(await this.cases.insert(c, events))) return false;
    if (events.length) this.relay.notifyWritten(FuneralCaseRepository.COLLECTION, [{ docId: c.caseId, entries: events }]);
    return true;
  }

  /** Saves a change that is not a move (e.g. a flag), without an event. */
  async saveQuietly(current: Versioned<FuneralCase>, next: FuneralCase): Promise<boolean> {
    return this.cases.save(current.version, next, []);
  }

  get(caseId: string): Promise<Versioned<FuneralCase> | undefined> {
    return this.cases.get(caseId);
  }

  list(...args: Parameters<FuneralCaseRepository['list']>) {
    return this.cases.list(...args);
  }
}
