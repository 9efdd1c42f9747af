import { Injectable } from '@nestjs/common';
import type { ApplicationKind } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { assertCovers, assertFoundWithin, createLogger, InjectClock, Principal, reaches, RegionalSettingsService } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { AreaRiskService } from '../../area-risk/application/area-risk.service';
import { HouseholdRegisters } from '../../households/application/household-registers';
import { InstitutionCopyRepository } from '../../institution-copy/infrastructure/institution-copy.repository';
import { personNotFound, PersonRegistry, registeredElsewhere } from '../../people/application/person-registry';
import type { SettingKey } from '../../regional-settings/domain/settings';
import * as rules from '../domain/application';
import { Application, extremePovertyRegister, HOUSEHOLD_KINDS, Outcome, supersededExtremePoverty } from '../domain/application';
import type { ExpeditedReason, FollowUpResolution, WithdrawalReason } from '../domain/application-labels';
import { StepLimits } from '../domain/step-deadlines';
import { ApplicationRepository } from '../infrastructure/application.repository';

/** Unknown, or outside the caller's reach: the same answer. */
const applicationNotFound = (applicationId: string) =>
  DomainError.notFound('ApplicationNotFound', `no application ${applicationId}`, { applicationId });

export interface SubmitCommand {
  kind: ApplicationKind;
  divisionCode: string;
  householdId?: string;
  applicantId?: string;
  applicant?: { name: string; idNumber: string; phone?: string };
  caseByCase?: boolean;
  expeditedReason?: ExpeditedReason;
  requestedAmountFen?: number;
  priorReliefFen?: number;
  /** A paper application received earlier and entered now (补录); limits count from it. */
  receivedAt?: string;
}

/** How far back a paper application may be entered. */
const MAX_BACKDATE_MS = 30 * 86_400_000;

/** 申请 → 受理 → 审核 → 认定 → 发放: each transition a compare-and-set write carrying its event. */
@Injectable()
export class ApplicationsService {
  private readonly log = createLogger('social-relief', 'ApplicationsService');

  constructor(
    private readonly repository: ApplicationRepository,
    private readonly people: PersonRegistry,
    private readonly households: HouseholdRegisters,
    private readonly areaRisk: AreaRiskService,
    private readonly institutions: InstitutionCopyRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async submit(cmd: SubmitCommand, by: Principal): Promise<Application> {
    assertCovers(by, cmd.divisionCode);
    if ((cmd.applicantId === undefined) === (cmd.applicant === undefined)) {
      throw DomainError.invalid(
        'ApplicantRequired',
        'give exactly one of applicantId (a registered person) or applicant (name and ID number)',
        { fields: ['applicantId', 'applicant'] },
      );
    }
    if (HOUSEHOLD_KINDS.includes(cmd.kind) && !cmd.householdId) {
      throw DomainError.invalid('HouseholdRequired', `an application for ${cmd.kind} is a household's: householdId is required`, {
        field: 'householdId',
      });
    }
    let persons = 1;
    let memberIds: string[] | null = null;
    if (cmd.householdId) {
      const unknownHousehold = () => DomainError.invalid('UnknownHousehold', `no household ${cmd.householdId}`, { field: 'householdId' });
      const household = await this.households.find(cmd.householdId);
      if (!household) throw unknownHousehold();
      // a household outside the caller's reach is answered as an unknown one: nothing says where it lives
      assertFoundWithin(by, unknownHousehold, household.divisionCode);
      if (household.divisionCode !== cmd.divisionCode) {
        throw DomainError.invalid(
          'HouseholdElsewhere',
          `household ${cmd.householdId} lives in ${household.divisionCode}, not ${cmd.divisionCode}`,
          { field: 'householdId' },
        );
      }
      memberIds = household.memberIds;
      persons = Math.max(1, household.memberIds.length);
    }
    const applicant = cmd.applicantId
      ? await this.people.mustGet(cmd.applicantId)
      : (await this.people.register({ ...cmd.applicant!, divisionCode: cmd.divisionCode })).person;
    // the applicant's data is shown with the application: an officer attaches only a person of their
    // jurisdiction (a member of the household, whose division was checked above, is one). A person
    // outside it is refused as POST /people refuses them: an id as unknown, an ID number as on file
    // elsewhere, never saying where.
    if (!memberIds?.includes(applicant.personId) && !reaches(by, applicant.divisionCode)) {
      throw cmd.applicantId ? personNotFound(cmd.applicantId) : registeredElsewhere('applicant.idNumber');
    }
    if (memberIds && !memberIds.includes(applicant.personId)) {
      throw DomainError.invalid('ApplicantNotMember', 'the applicant is not a member of the household', {
        field: cmd.applicantId ? 'applicantId' : 'applicant',
      });
    }
    const now = this.clock.now();
    const receivedAt = cmd.receivedAt ? new Date(cmd.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime())
      throw DomainError.invalid('ReceivedInFuture', 'receivedAt cannot be in the future', { field: 'receivedAt' });
    if (now.getTime() - receivedAt.getTime() > MAX_BACKDATE_MS)
      throw DomainError.invalid('ReceivedTooLongAgo', 'receivedAt can be at most 30 days ago', { field: 'receivedAt' });
    const outcome = rules.submit(
      {
        applicationId: `app-${cmd.divisionCode.slice(0, 6)}-${randomUUID()}`,
        kind: cmd.kind,
        divisionCode: cmd.divisionCode,
        householdId: cmd.householdId ?? null,
        applicantId: applicant.personId,
        persons,
        caseByCase: cmd.caseByCase ?? false,
        expeditedReason: cmd.expeditedReason ?? null,
        requestedAmountFen: cmd.requestedAmountFen ?? null,
        priorReliefFen: cmd.priorReliefFen ?? null,
        elevatedRisk: await this.areaRisk.isElevated(cmd.divisionCode, now),
      },
      by,
      receivedAt,
      await this.limits(cmd.divisionCode, receivedAt),
    );
    if (!(await this.repository.store.create(outcome.next, outcome.changes))) throw new Error('application id collision');
    return outcome.next;
  }

  async get(applicationId: string, by: Principal): Promise<Application> {
    const found = await this.repository.get(applicationId);
    if (!found) throw applicationNotFound(applicationId);
    assertFoundWithin(by, () => applicationNotFound(applicationId), found.value.divisionCode);
    return found.value;
  }

  accept(applicationId: string, by: Principal): Promise<Application> {
    return this.change(applicationId, by, async (divisionCode, now) => {
      const limits = await this.limits(divisionCode, now);
      return (a) => rules.accept(a, by, now, limits);
    });
  }

  review(applicationId: string, input: rules.ReviewInput, by: Principal): Promise<Application> {
    return this.change(applicationId, by, async (divisionCode, now) => {
      const limits = await this.limits(divisionCode, now);
      return (a) => rules.review(a, input, by, now, limits);
    });
  }

  async decide(applicationId: string, input: rules.DecisionInput, by: Principal): Promise<Application> {
    if (input.support?.institutionId) await this.assertSupportInstitution(input.support.institutionId);
    const decided = await this.change(applicationId, by, async (divisionCode, now) => {
      const day = shanghaiDate(now);
      const delegated = (await this.settings.valueFor('approval-delegated-to-township', divisionCode, day)) === 1;
      const standard = await this.settings.valueFor('dibao-standard-fen', divisionCode, day);
      const maxMonths = await this.settings.valueFor('temporary-relief-max-months', divisionCode, day);
      const monthlyMaxPercent = await this.settings.valueFor('normal-monthly-max-percent', divisionCode, day);
      const limits = await this.limits(divisionCode, now);
      return (a) => {
        const ctx = { delegatedToTownship: delegated, normalMaxFen: rules.normalMaxFen(a, standard, maxMonths, monthlyMaxPercent) };
        // the decider's level is the decision rule's to judge (403 WrongLevel), once the application is within reach
        return rules.decide(a, input, by, now, ctx, limits);
      };
    });
    if (decided.enrolment?.pending) return (await this.enrol(decided.applicationId)) ?? decided;
    return decided;
  }

  disburse(applicationId: string, by: Principal): Promise<Application> {
    return this.change(applicationId, by, async (_, now) => (a) => rules.disburse(a, by, now));
  }

  withdraw(applicationId: string, reason: WithdrawalReason, by: Principal): Promise<Application> {
    return this.change(applicationId, by, async (_, now) => (a) => rules.withdraw(a, reason, by, now));
  }

  resolveFollowUp(applicationId: string, resolution: FollowUpResolution, note: string | null, by: Principal): Promise<Application> {
    return this.change(applicationId, by, async (_, now) => (a) => ({
      next: rules.resolveFollowUp(a, resolution, note, by, now),
      changes: [],
    }));
  }

  /**
   * 集中供养 is in a 敬老院 / 特困供养机构 this service knows of (its copy of institution monitoring's
   * registry): 400 naming institutionId otherwise.
   */
  private async assertSupportInstitution(institutionId: string): Promise<void> {
    const unit = (await this.institutions.get(institutionId))?.value;
    if (!unit) throw DomainError.invalid('UnknownInstitution', `no institution ${institutionId} is registered`, { field: 'institutionId' });
    if (unit.unitType !== 'extreme-poverty-support-home')
      throw DomainError.invalid(
        'NotASupportInstitution',
        `institution ${institutionId} is a ${unit.unitType}, not a 敬老院 / 特困供养机构 (extreme-poverty-support-home)`,
        { field: 'institutionId' },
      );
  }

  /**
   * Puts who an approval is for on the register (the household's members for a household kind —
   * HouseholdRegisters is idempotent per application — or the applicant for 特困, by 供养方式),
   * then records it done; on failure it stays pending and the sweep tries again.
   */
  async enrol(applicationId: string): Promise<Application | undefined> {
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

  /** The step limits a region sets, as they are on the day a step is entered. */
  async limits(divisionCode: string, at: Date): Promise<StepLimits> {
    const day = shanghaiDate(at);
    const [accept, review, decide, disburse, temporaryRelief] = await Promise.all(
      (['accept-limit-days', 'review-limit-days', 'decide-limit-days', 'disburse-limit-days', 'temporary-relief-limit-days'] as const).map(
        (k) => this.settings.valueFor(k, divisionCode, day),
      ),
    );
    return { accept, review, decide, disburse, temporaryRelief };
  }

  /**
   * Changes an application within the caller's reach (404 otherwise). `prepare` reads what the
   * rule needs (the regional settings of the application's division on the day) before the write;
   * the rule it returns decides on the application as it is then, again if it changed meanwhile.
   */
  private async change(
    applicationId: string,
    by: Principal,
    prepare: (divisionCode: string, now: Date) => Promise<(a: Application) => Outcome>,
  ): Promise<Application> {
    const notFound = () => applicationNotFound(applicationId);
    const found = await this.repository.get(applicationId);
    if (!found) throw notFound();
    // outside the caller's reach an application is answered as an unknown one
    assertFoundWithin(by, notFound, found.value.divisionCode);
    // an application never moves to another division: what is read for it now holds for every decision
    const rule = await prepare(found.value.divisionCode, this.clock.now());
    const { state } = await this.repository.store.change(
      applicationId,
      (current) => {
        assertFoundWithin(by, notFound, current.divisionCode);
        return rule(current);
      },
      notFound,
    );
    return state;
  }
}
