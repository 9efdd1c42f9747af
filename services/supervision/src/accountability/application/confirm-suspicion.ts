import { Injectable } from '@nestjs/common';
import { AccountabilityTrigger, CaseResolvedV1, CaseType } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { CaseActionsService } from '../../cases/application/case-actions.service';
import { SupervisionCase } from '../../cases/domain/supervision-case';
import { CaseRepository } from '../../cases/infrastructure/case.repository';
import { dedupeEvidence, openAccountabilityCase } from '../domain/accountability-case';
import { subjectOfCase } from '../domain/accountability-rule';
import { AccountabilityCaseRepository } from '../infrastructure/accountability-case.repository';

/** What a confirmed suspicion holds the unit to account for (seed 000's list). */
const TRIGGER_OF_SUSPICION: Partial<Record<CaseType, AccountabilityTrigger>> = {
  'report-inconsistent': 'concealed-or-underreported', // 瞒报漏报
  'reserves-unaccounted': 'reserves-misused', // 挪用物资
};

/**
 * An officer confirms a suspicion case (the unit's records hold, its report or its stock did not):
 * the case is resolved as confirmed and one accountability case opens against the unit, its
 * evidence every signal of the case and the confirmation. Its id derives from the case, so
 * confirming again after an interrupted first attempt opens the missing accountability case, never
 * a second one.
 */
@Injectable()
export class ConfirmSuspicion {
  constructor(
    private readonly actions: CaseActionsService,
    private readonly cases: CaseRepository,
    private readonly accountability: AccountabilityCaseRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async confirm(caseId: string, note: string, by: Principal): Promise<{ case: SupervisionCase; accountabilityCaseId: string }> {
    let c: SupervisionCase;
    try {
      c = await this.actions.decide(caseId, 'confirmed', note, by);
    } catch (e) {
      // confirmed before, and the accountability case not yet opened: finish that
      const found = (await this.cases.get(caseId))?.value;
      if (!(e instanceof DomainError) || e.code !== 'CaseResolved' || found?.resolution !== 'suspicion-confirmed') throw e;
      c = found;
    }
    const trigger = TRIGGER_OF_SUSPICION[c.caseType];
    if (!trigger) throw DomainError.conflict('NotASuspicion', `case ${caseId} is not a suspicion`);
    const id = deterministicId('accountability', 'confirmed-suspicion', c.caseId);
    if (await this.accountability.get(id)) return { case: c, accountabilityCaseId: id };
    const subject = subjectOfCase(c);
    const signals = c.history
      .filter((h) => h.eventId && (h.action === 'opened' || h.action === 'occurrence'))
      .map((h) => ({ eventId: h.eventId!, type: h.eventType ?? null, time: new Date(h.at).toISOString(), note: h.note?.slice(0, 300) }));
    const confirmation = {
      eventId: c.resolvingEventId!,
      type: CaseResolvedV1.type,
      time: (c.resolvedAt ?? this.clock.now()).toISOString(),
      note: `confirmed by an officer: ${note}`.slice(0, 300),
    };
    const opened = openAccountabilityCase(
      {
        accountabilityCaseId: id,
        trigger,
        subject,
        evidence: dedupeEvidence([...signals, confirmation]),
        sourceCaseId: c.caseId,
        summary: `${trigger === 'reserves-misused' ? '挪用物资' : '瞒报漏报'}: suspicion case ${c.caseId} confirmed: ${note}`.slice(
          0,
          1000,
        ),
        openedBy: by.sub,
      },
      divisionAncestors(subject.divisionCode),
      this.clock.now(),
    );
    await this.accountability.store.create(opened, [{ type: 'opened' }]);
    return { case: c, accountabilityCaseId: id };
  }
}
