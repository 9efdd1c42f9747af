import { Injectable } from '@nestjs/common';
import { CASE_LEVELS } from '@civil/contracts';
import { Clock, deterministicId, DomainError } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { EscalationLadderRepository } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { CaseChange, escalateByOfficer, resolveByOfficer, SupervisionCase } from '../domain/supervision-case';
import { CaseRepository, LoadedCase } from '../infrastructure/case.repository';
import { CaseSubjectRepository } from '../infrastructure/case-subject.repository';
import { caseIntegrationEvents } from './case-integration-events.mapper';

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
    private readonly subjects: CaseSubjectRepository,
    private readonly ladders: EscalationLadderRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  resolve(caseId: string, note: string, by: Principal): Promise<SupervisionCase> {
    return this.act(caseId, by, async (c, now) => resolveByOfficer(c, deterministicId(c.caseId, 'resolved'), by.sub, note, now));
  }

  escalate(caseId: string, reason: string, by: Principal): Promise<SupervisionCase> {
    return this.act(caseId, by, async (c, now) =>
      escalateByOfficer(c, await this.ladders.get(c.caseType, c.divisionCode), by.sub, reason, now),
    );
  }

  private async act(caseId: string, by: Principal, step: (c: SupervisionCase, now: Date) => Promise<CaseChange>): Promise<SupervisionCase> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const loaded: LoadedCase | undefined = await this.cases.get(caseId);
      const notFound = () => DomainError.notFound('CaseNotFound', `no case ${caseId}`, { caseId });
      if (!loaded) throw notFound();
      assertFoundWithin(by, notFound, loaded.value.divisionCode);
      const rank = Math.max(...by.roles.map((r) => OFFICER_LEVEL[r] ?? -1));
      if (rank < CASE_LEVELS.indexOf(loaded.value.level)) {
        throw DomainError.forbidden(
          'BelowCaseLevel',
          `the case is held at ${loaded.value.level} level; an officer at that level or above acts on it`,
          { level: loaded.value.level },
        );
      }
      const now = this.clock.now();
      const change = await step(loaded.value, now);
      const events = caseIntegrationEvents(loaded.value, change, now, {
        correlationId: deterministicId('case-action', caseId, String(loaded.version)),
      });
      if (!(await this.cases.save(loaded, events))) continue;
      this.relay.notifyWritten(CaseRepository.COLLECTION, [{ docId: caseId, entries: events }]);
      if (change.kind === 'resolved') await this.subjects.release(loaded.value.caseType, loaded.value.subjectId, caseId);
      return loaded.value;
    }
    throw DomainError.conflict('CaseBusy', `case ${caseId} kept changing; try again`);
  }
}
