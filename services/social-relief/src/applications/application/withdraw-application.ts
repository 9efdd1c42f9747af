import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/application';
import { Application } from '../domain/application';
import type { WithdrawalReason } from '../domain/application-labels';
import { ApplicationChanges } from './application-changes';

/** Withdraws an application, with the reason. */
@Injectable()
export class WithdrawApplication {
  constructor(private readonly applications: ApplicationChanges) {}

  execute(applicationId: string, reason: WithdrawalReason, by: Principal): Promise<Application> {
    return this.applications.change(applicationId, by, async (_, now) => (a) => rules.withdraw(a, reason, by, now));
  }
}
