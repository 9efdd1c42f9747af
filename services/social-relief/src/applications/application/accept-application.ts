import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/application';
import { Application } from '../domain/application';
import { ApplicationChanges } from './application-changes';
import { RegionalStepLimits } from './regional-step-limits';

/** 受理: the township takes the application up; the review's limit counts from the day. */
@Injectable()
export class AcceptApplication {
  constructor(
    private readonly applications: ApplicationChanges,
    private readonly limits: RegionalStepLimits,
  ) {}

  execute(applicationId: string, by: Principal): Promise<Application> {
    return this.applications.change(applicationId, by, async (divisionCode, now) => {
      const limits = await this.limits.on(divisionCode, now);
      return (a) => rules.accept(a, by, now, limits);
    });
  }
}
