import { Injectable } from '@nestjs/common';
import { DomainError, shanghaiDate } from '@civil/kernel';
import { Principal, RegionalSettingsService } from '@civil/platform';
import { InstitutionCopyRepository } from '../../institution-copy/infrastructure/institution-copy.repository';
import type { SettingKey } from '../../regional-settings/domain/settings';
import * as rules from '../domain/application';
import { Application } from '../domain/application';
import { ApplicationChanges } from './application-changes';
import { EnrolApprovedApplication } from './enrol-approved-application';
import { RegionalStepLimits } from './regional-step-limits';

/**
 * 认定: the county, or the township where the county delegated it; never who entered or reviewed
 * it. An approval puts who it is for on the register (EnrolApprovedApplication).
 */
@Injectable()
export class DecideApplication {
  constructor(
    private readonly applications: ApplicationChanges,
    private readonly enrolment: EnrolApprovedApplication,
    private readonly institutions: InstitutionCopyRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly limits: RegionalStepLimits,
  ) {}

  async execute(applicationId: string, input: rules.DecisionInput, by: Principal): Promise<Application> {
    if (input.support?.institutionId) await this.assertSupportInstitution(input.support.institutionId);
    const decided = await this.applications.change(applicationId, by, async (divisionCode, now) => {
      const day = shanghaiDate(now);
      const delegated = (await this.settings.valueFor('approval-delegated-to-township', divisionCode, day)) === 1;
      const standard = await this.settings.valueFor('dibao-standard-fen', divisionCode, day);
      const maxMonths = await this.settings.valueFor('temporary-relief-max-months', divisionCode, day);
      const monthlyMaxPercent = await this.settings.valueFor('normal-monthly-max-percent', divisionCode, day);
      const limits = await this.limits.on(divisionCode, now);
      return (a) => {
        const ctx = { delegatedToTownship: delegated, normalMaxFen: rules.normalMaxFen(a, standard, maxMonths, monthlyMaxPercent) };
        // the decider's level is the decision rule's to judge (403 WrongLevel), once the application is within reach
        return rules.decide(a, input, by, now, ctx, limits);
      };
    });
    if (decided.enrolment?.pending) return (await this.enrolment.execute(decided.applicationId)) ?? decided;
    return decided;
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
}
