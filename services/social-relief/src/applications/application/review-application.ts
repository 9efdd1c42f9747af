import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/application';
import { Application } from '../domain/application';
import { ApplicationChanges } from './application-changes';
import { RegionalStepLimits } from './regional-step-limits';

/** 审核: home visit and income verification (may be waived under a simplified review). */
@Injectable()
export class ReviewApplication {
  constructor(
    private readonly applications: ApplicationChanges,
    private readonly limits: RegionalStepLimits,
  ) {}

  execute(applicationId: string, input: rules.ReviewInput, by: Principal): Promise<Application> {
    return this.applications.change(applicationId, by, async (divisionCode, now) => {
      const limits = await this.limits.on(divisionCode, now);
      return (a) => rules.review(a, input, by, now, limits);
    });
  }
}
