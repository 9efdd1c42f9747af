import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { Principal } from '@civil/platform';
import { SubmitApplication, SubmitCommand } from '../../applications/application/submit-application';
import { ReadEntry } from '../../key-person-lists/application/read-entry';
import { assertRoutable, CallRoute, HotlineCall, routeCall } from '../domain/hotline-call';
import { HotlineCalls } from './hotline-calls';

export type RouteInput =
  | { target: 'key-person-visit'; townshipCode: string; entryId: string }
  | { target: 'relief-application'; application: SubmitCommand }
  | { target: 'referral'; agency: string; note: string };

/**
 * 转办: hands a call on, once. To a key-person visit: the entry on the township's list (read in
 * process through the list's own use case, so its township and jurisdiction rules hold) is asked
 * for a visit. To a relief application: one is started (申请) through the applications' use case.
 * To another agency: a referral with the agency named. The call stays open until answered.
 */
@Injectable()
export class RouteCall {
  constructor(
    private readonly calls: HotlineCalls,
    private readonly readEntry: ReadEntry,
    private readonly submitApplication: SubmitApplication,
  ) {}

  async execute(callId: string, input: RouteInput, by: Principal): Promise<HotlineCall> {
    // refused before anything is done elsewhere: an ended or routed call starts no application
    assertRoutable(await this.calls.load(callId, by));
    const route = await this.target(input, by);
    return this.calls.change(callId, by, (call, now) => ({ call: routeCall(call, route(now)), changes: [] }));
  }

  private async target(input: RouteInput, by: Principal): Promise<(at: Date) => CallRoute> {
    switch (input.target) {
      case 'key-person-visit': {
        const entry = await this.readEntry.execute(input.townshipCode, input.entryId, by);
        if (entry.status !== 'active')
          throw DomainError.conflict('EntryClosed', 'the key-person entry is closed: no visit can be asked for', {
            entryId: input.entryId,
            rule: 'closed-entry',
          });
        return (at) => ({
          target: 'key-person-visit',
          townshipCode: input.townshipCode,
          entryId: input.entryId,
          routedAt: at,
          routedBy: by.sub,
        });
      }
      case 'relief-application': {
        const application = await this.submitApplication.execute(input.application, by);
        return (at) => ({ target: 'relief-application', applicationId: application.applicationId, routedAt: at, routedBy: by.sub });
      }
      case 'referral':
        return (at) => ({ target: 'referral', agency: input.agency, note: input.note, routedAt: at, routedBy: by.sub });
    }
  }
}
