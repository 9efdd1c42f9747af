import { Injectable } from '@nestjs/common';
import { CASE_LEVELS } from '@civil/contracts';
import { Clock, deterministicId, DomainError } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { EscalationLadderRepository } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { CaseChange, decideSuspicion, escalateByOfficer, resolveByOfficer, SupervisionCase } from '../domain/supervision-case';
import { CaseRecord, CaseRepository, toCase } from '../infrastructure/case.repository';

const OFFICER_LEVEL: Record<string, number> = {
  'township-officer': 0,
  'county-officer': 1,
  'city-officer': 2,
  'province-officer': 3,
  inspector: 1,
  admin: 3,
};

/**
 * What officers do with a case by hand: resolve it with a note (when no event will ever clear it),
 * or send it up a rung at once. Only an officer at or above the level holding the case may act on
 * it, inside their jurisdiction.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly ladders: EscalationLadderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  resolve(caseId: string, note: string, by: Principal): Promise<SupervisionCase> {
    return this.act(caseId, by, (c, now) => resolveByOfficer(c, deterministicId(c.caseId, 'resolved'), by.sub, note, now));
  }

  /** An officer's verdict on a suspicion case (瞒报漏报, 挪用): confirmed or dismissed, with the reason. */
  decide(caseId: string, verdict: 'confirmed' | 'dismissed', note: string, by: Principal): Promise<SupervisionCase> {
    return this.act(caseId, by, (c, now) => decideSuspicion(c, verdict, deterministicId(c.caseId, verdict), by.sub, note, now));
  }

  async escalate(caseId: string, reason: string, by: Principal): Promise<SupervisionCase> {
    // the ladder is the case type's in the case's division (neither ever changes): read before deciding
    const found = await this.cases.get(caseId);
    if (!found) throw caseNotFound(caseId);
    const ladder = await this.ladders.get(found.value.caseType, found.value.divisionCode);
    return this.act(caseId, by, (c, now) => escalateByOfficer(c, ladder, by.sub, reason, now));
  }

  private async act(caseId: string, by: Principal, step: (c: SupervisionCase, now: Date) => CaseChange): Promise<SupervisionCase> {
    const notFound = () => caseNotFound(caseId);
    // the document the case lives in: its subject's while it is the current case
    const found = await this.cases.find(caseId);
    if (!found) throw notFound();
    let state: CaseRecord;
    try {
      ({ state } = await this.cases.store.change(
        found.value.docId,
        (current, version) => {
          // the subject moved on to a newer case: this one was resolved and set aside
          if (current.caseId !== caseId) throw DomainError.conflict('CaseResolved', `case ${caseId} is already resolved (已办结)`);
          assertFoundWithin(by, notFound, current.divisionCode);
          const rank = Math.max(...by.roles.map((r) => OFFICER_LEVEL[r] ?? -1));
          if (rank < CASE_LEVELS.indexOf(current.level)) {
            throw DomainError.forbidden(
              'BelowCaseLevel',
              `the case is held at ${current.level} level; an officer at that level or above acts on it`,
              { level: current.level },
            );
          }
          const now = this.clock.now();
          const next = structuredClone(current);
          const change = step(next, now);
          const causation = { correlationId: deterministicId('case-action', caseId, String(version)) };
          return { next, changes: [{ ...change, at: now, causation }] };
        },
        notFound,
      ));
    } catch (e) {
      if (e instanceof ConcurrentChangeError) throw DomainError.conflict('CaseBusy', `case ${caseId} kept changing; try again`);
      throw e;
    }
    return toCase(state);
  }
}

function caseNotFound(caseId: string): DomainError {
  return DomainError.notFound('CaseNotFound', `no case ${caseId}`, { caseId });
}
