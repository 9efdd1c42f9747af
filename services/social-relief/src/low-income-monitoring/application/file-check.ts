import { Injectable } from '@nestjs/common';
import type { ApplicationKind, LowIncomeCheckFinding } from '@civil/contracts';
import { Clock, deterministicId, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { SubmitApplication } from '../../applications/application/submit-application';
import { HOUSEHOLD_KINDS } from '../../applications/domain/application';
import type { ExpeditedReason } from '../../applications/domain/application-labels';
import { assertCheckable, fileCheck, LowIncomeWarning } from '../domain/low-income-warning';
import { LowIncomeWarningRepository } from '../infrastructure/low-income-warning.repository';
import { warningNotFound } from './read-warning';
import { warningView } from './warning-view';

export interface ApplicationStart {
  kind: ApplicationKind;
  /** Defaults to the warning's person (a household of one). */
  applicantId?: string;
  /** Defaults to the warning's household. */
  householdId?: string;
  expeditedReason?: ExpeditedReason;
  requestedAmountFen?: number;
}

export interface FileCheckCommand {
  finding: LowIncomeCheckFinding;
  checkedAt?: string;
  note?: string;
  reason?: string;
  application?: ApplicationStart;
}

/**
 * 入户核查 filed: the township settles a warning of its jurisdiction (404 for another's). Needs
 * assistance starts a relief application through the applications module's own use case (申请, with
 * its rules and events; its id derived from the warning, so a check sent again after a failure, or
 * by two officers at once, starts one application) and records it on the warning; not eligible is kept with its reason (登记备案).
 * LowIncomeWarningChecked follows in the same write, clearing any overdue signal.
 */
@Injectable()
export class FileCheck {
  constructor(
    private readonly warnings: LowIncomeWarningRepository,
    private readonly submit: SubmitApplication,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(warningId: string, cmd: FileCheckCommand, by: Principal) {
    const found = await this.warnings.get(warningId);
    const notFound = () => warningNotFound(warningId);
    if (!found) throw notFound();
    assertFoundWithin(by, notFound, found.value.divisionCode);
    const now = this.clock.now();
    const checkedAt = cmd.checkedAt ? new Date(cmd.checkedAt) : now;
    const input = { finding: cmd.finding, checkedAt, reason: cmd.reason ?? null };
    assertCheckable(found.value, input, now);
    if (cmd.finding === 'needs-assistance' && !cmd.application) {
      throw DomainError.invalid('ApplicationRequired', 'a needs-assistance finding starts an application: give application.kind', {
        field: 'application',
      });
    }
    if (cmd.finding !== 'needs-assistance' && cmd.application) {
      throw DomainError.invalid('ApplicationNotExpected', 'only a needs-assistance finding starts an application', {
        field: 'application',
      });
    }
    const applicationId = cmd.application ? await this.startApplication(found.value, cmd.application, by) : null;
    const { state } = await this.warnings.store.change(
      warningId,
      (w) => ({
        next: fileCheck(w, { ...input, note: cmd.note ?? null, applicationId, by: by.sub }, now),
        changes: [{ type: 'checked', at: now }],
      }),
      notFound,
    );
    return warningView(state, now);
  }

  private async startApplication(w: LowIncomeWarning, a: ApplicationStart, by: Principal): Promise<string> {
    const householdId = a.householdId ?? (w.subjectType === 'household' && HOUSEHOLD_KINDS.includes(a.kind) ? w.subjectId : undefined);
    const applicantId = a.applicantId ?? (w.subjectType === 'person' ? w.subjectId : undefined);
    if (!applicantId) {
      throw DomainError.invalid('ApplicantRequired', 'name the applicant (a member of the household): application.applicantId', {
        field: 'application.applicantId',
      });
    }
    try {
      const app = await this.submit.execute(
        {
          kind: a.kind,
          divisionCode: w.divisionCode,
          householdId,
          applicantId,
          expeditedReason: a.expeditedReason,
          requestedAmountFen: a.requestedAmountFen,
          // one application per warning, however often the check is sent
          applicationId: `app-${w.divisionCode.slice(0, 6)}-${deterministicId('low-income-check', w.warningId)}`,
        },
        by,
      );
      return app.applicationId;
    } catch (e) {
      // the application's refusals name its fields: here they sit under `application`
      if (e instanceof DomainError && (e.kind === 'invalid' || e.kind === 'not-found') && typeof e.details?.field === 'string') {
        throw new DomainError(e.kind, e.code, e.message, { ...e.details, field: `application.${e.details.field}` });
      }
      throw e;
    }
  }
}
