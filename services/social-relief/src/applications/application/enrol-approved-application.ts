import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { createLogger, InjectClock } from '@civil/platform';
import { HouseholdRegisters } from '../../households/application/household-registers';
import { PersonRegistry } from '../../people/application/person-registry';
import { Application, extremePovertyRegister, supersededExtremePoverty } from '../domain/application';
import { ApplicationRepository } from '../infrastructure/application.repository';
import { applicationNotFound } from './application-changes';

/**
 * Puts who an approval is for on the register (the household's members for a household kind —
 * HouseholdRegisters is idempotent per application — or the applicant for 特困, by 供养方式),
 * then records it done; on failure it stays pending and the overdue sweep tries again.
 */
@Injectable()
export class EnrolApprovedApplication {
  private readonly log = createLogger('social-relief', 'EnrolApprovedApplication');

  constructor(
    private readonly repository: ApplicationRepository,
    private readonly people: PersonRegistry,
    private readonly households: HouseholdRegisters,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(applicationId: string): Promise<Application | undefined> {
    const current = await this.repository.get(applicationId);
    const a = current?.value;
    if (!a?.enrolment?.pending || !a.decision || (!a.householdId && a.kind !== 'extreme-poverty')) return a;
    try {
      if (a.kind === 'extreme-poverty') await this.enrolExtremePoverty(a);
      else await this.households.enrolFromApplication(a.householdId!, a.kind, a.applicationId, a.decision.at);
    } catch (e) {
      this.log.warn('household enrolment failed; the sweep retries it', { applicationId, error: (e as Error).message });
      return undefined;
    }
    try {
      const { state } = await this.repository.store.change(
        applicationId,
        (latest) =>
          latest.enrolment?.pending
            ? { next: { ...latest, enrolment: { pending: false, doneAt: this.clock.now() } }, changes: [] }
            : undefined,
        () => applicationNotFound(applicationId),
      );
      return state;
    } catch (e) {
      // it stays pending: the sweep tries again
      if (e instanceof ConcurrentChangeError) return undefined;
      throw e;
    }
  }

  /**
   * 特困 (seed 003 篇八: 经县级人民政府民政部门审核确认): the county's approval puts the applicant on the
   * register of the 供养方式 it decided, from the decision's day (a no-op when already on it for this
   * application).
   */
  private async enrolExtremePoverty(a: Application): Promise<void> {
    const support = a.decision!.support;
    if (!support) return; // decided before 供养方式 was recorded: nothing to enrol on
    const day = shanghaiDate(a.decision!.at);
    const person = await this.people.enrol(a.applicantId, {
      register: extremePovertyRegister(support.mode),
      sourceType: 'application',
      sourceId: a.applicationId,
      from: day,
      ...(support.institutionId ? { institutionId: support.institutionId } : {}),
    });
    // a later decision replaces an earlier one: one 供养方式 at a time (moving into a 敬老院, or home again)
    for (const m of supersededExtremePoverty(person.memberships, a.applicationId))
      await this.people.endMembership(a.applicantId, m.register, m.sourceId, day);
  }
}
