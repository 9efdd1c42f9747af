import { Injectable } from '@nestjs/common';
import { CaseEscalated, CaseEscalatedV1 } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors } from '@civil/kernel';
import { causedBy, EventEnvelope } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { CaseRepository } from '../../cases/infrastructure/case.repository';
import { openAccountabilityCase } from '../domain/accountability-case';
import { reachesRule, subjectOfCase } from '../domain/accountability-rule';
import { evidenceOfCase } from '../domain/evidence-chain';
import { AccountabilityCaseRepository } from '../infrastructure/accountability-case.repository';
import { AccountabilityRuleRepository } from '../infrastructure/accountability-rule.repository';

/**
 * CaseEscalated reaching the rule level of its case type → one accountability case per supervision
 * case. Its id derives from the supervision case, so a redelivery, or a later climb past the rule
 * level, finds it and changes nothing.
 */
@Injectable()
export class OpenAccountabilityWhenCaseEscalatedHandler {
  constructor(
    private readonly accountability: AccountabilityCaseRepository,
    private readonly rules: AccountabilityRuleRepository,
    private readonly supervisionCases: CaseRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<CaseEscalated>): Promise<void> {
    const escalated = event.data;
    const rule = await this.rules.get(escalated.caseType, escalated.divisionCode);
    if (!reachesRule(rule, escalated.toLevel)) return;
    const id = accountabilityCaseIdFor(escalated.caseId);
    if (await this.accountability.get(id)) return;
    const record = (await this.supervisionCases.get(escalated.caseId))?.value;
    const subject = subjectOfCase({ ...escalated, unitId: record?.unitId });
    const c = openAccountabilityCase(
      {
        accountabilityCaseId: id,
        trigger: rule.trigger,
        subject,
        evidence: evidenceOfCase(record, { eventId: event.id, type: CaseEscalatedV1.type, time: event.time, toLevel: escalated.toLevel }),
        sourceCaseId: escalated.caseId,
        summary: escalated.reason,
        openedBy: 'system',
      },
      divisionAncestors(subject.divisionCode),
      this.clock.now(),
    );
    // false: opened meanwhile (a redelivery processed at once)
    await this.accountability.store.create(c, [{ type: 'opened', causation: causedBy(event) }]);
  }
}

export function accountabilityCaseIdFor(supervisionCaseId: string): string {
  return deterministicId('accountability', supervisionCaseId);
}
