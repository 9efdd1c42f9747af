import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/application';
import { Application } from '../domain/application';
import type { FollowUpResolution } from '../domain/application-labels';
import { ApplicationChanges } from './application-changes';

/** Records how 先行救助 not upheld was followed up (recovered or written off). */
@Injectable()
export class ResolveFollowUp {
  constructor(private readonly applications: ApplicationChanges) {}

  execute(applicationId: string, resolution: FollowUpResolution, note: string | null, by: Principal): Promise<Application> {
    return this.applications.change(applicationId, by, async (_, now) => (a) => ({
      next: rules.resolveFollowUp(a, resolution, note, by, now),
      changes: [],
    }));
  }
}
