import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/application';
import { Application } from '../domain/application';
import { ApplicationChanges } from './application-changes';

/** 发放: the approved relief is paid out. */
@Injectable()
export class DisburseApplication {
  constructor(private readonly applications: ApplicationChanges) {}

  execute(applicationId: string, by: Principal): Promise<Application> {
    return this.applications.change(applicationId, by, async (_, now) => (a) => rules.disburse(a, by, now));
  }
}
