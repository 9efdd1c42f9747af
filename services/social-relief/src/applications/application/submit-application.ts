import { Injectable } from '@nestjs/common';
import type { ApplicationKind } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, Principal, reaches } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { AreaRiskLevels } from '../../area-risk/application/area-risk-levels';
import { HouseholdRegisters } from '../../households/application/household-registers';
import { personNotFound, PersonRegistry, registeredElsewhere } from '../../people/application/person-registry';
import * as rules from '../domain/application';
import { Application, HOUSEHOLD_KINDS } from '../domain/application';
import type { ExpeditedReason } from '../domain/application-labels';
import { ApplicationRepository } from '../infrastructure/application.repository';
import { RegionalStepLimits } from './regional-step-limits';

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
  /**
   * For a caller in this service that starts the application from something of its own (a home
   * check of a low-income warning): the id to give it, so starting it again (a retry, two officers
   * at once) finds the one application started instead of making a second.
   */
  applicationId?: string;
}

/** How far back a paper application may be entered. */
const MAX_BACKDATE_MS = 30 * 86_400_000;

/** 申请: an application for a household of the caller's jurisdiction, or for a person of it. */
@Injectable()
export class SubmitApplication {
  constructor(
    private readonly repository: ApplicationRepository,
    private readonly people: PersonRegistry,
    private readonly households: HouseholdRegisters,
    private readonly areaRisk: AreaRiskLevels,
    private readonly limits: RegionalStepLimits,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(cmd: SubmitCommand, by: Principal): Promise<Application> {
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
        applicationId: cmd.applicationId ?? `app-${cmd.divisionCode.slice(0, 6)}-${randomUUID()}`,
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
      await this.limits.on(cmd.divisionCode, receivedAt),
    );
    if (!(await this.repository.store.create(outcome.next, outcome.changes))) {
      const existing = cmd.applicationId ? (await this.repository.get(cmd.applicationId))?.value : undefined;
      // the same start again: the application it made the first time
      if (existing && existing.applicantId === applicant.personId && existing.kind === cmd.kind) return existing;
      if (existing) {
        throw DomainError.conflict(
          'ApplicationAlreadyStarted',
          `application ${cmd.applicationId} was started already, for another applicant or kind`,
          {
            applicationId: cmd.applicationId,
          },
        );
      }
      throw new Error('application id collision');
    }
    return outcome.next;
  }
}
