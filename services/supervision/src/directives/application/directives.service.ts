import { Injectable } from '@nestjs/common';
import { DIRECTIVE_STEPS, DirectiveStep } from '@civil/contracts';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError, divisionAncestors, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { SettingKey } from '../../regional-settings/domain/settings';
import { DIRECTIVE_STEP_LABELS, DIRECTIVE_STEP_STATE_LABELS } from '../domain/directive-labels';
import { Directive, fileStep, findMissedSteps, issueDirective, recordMissed, stepState, targetOf } from '../domain/directive';
import { DirectiveRepository } from '../infrastructure/directive.repository';

const SWEEP_BATCH = 200;

/** Directives received from above, each target's filings, and the sweep that records missed steps once. */
@Injectable()
export class DirectivesService {
  constructor(
    private readonly directives: DirectiveRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Records a directive for the caller's office; its targets must lie inside the caller's jurisdiction. */
  async issue(input: { title: string; issuedBy: string; receivedOn: string; targets: string[] }, by: Principal) {
    for (const target of input.targets) assertCovers(by, target);
    const now = this.clock.now();
    const targets = await Promise.all(
      input.targets.map(async (divisionCode) => {
        const implementingDocumentDays = await this.settings.valueFor(
          'directive-implementing-document-due-days',
          divisionCode,
          input.receivedOn,
        );
        const statusReportDays = await this.settings.valueFor('directive-status-report-due-days', divisionCode, input.receivedOn);
        // the report is on what the document set in motion: never due before it
        return {
          divisionCode,
          offsets: { implementingDocumentDays, statusReportDays: Math.max(statusReportDays, implementingDocumentDays) },
        };
      }),
    );
    const d = issueDirective(
      {
        directiveId: `dir-${randomUUID()}`,
        title: input.title,
        issuedBy: input.issuedBy,
        divisionCode: by.jurisdiction,
        receivedOn: input.receivedOn,
        targets,
        createdBy: by.sub,
      },
      divisionAncestors,
      now,
    );
    await this.directives.store.create(d, [{ type: 'issued' }]);
    return this.view(d, now);
  }

  /** A target files a step: the implementing document or the status report. */
  async file(
    directiveId: string,
    divisionCode: string,
    step: DirectiveStep,
    content: { documentRef?: string; title?: string; summary?: string },
    by: Principal,
  ) {
    assertCovers(by, divisionCode);
    const { state } = await this.directives.store.change(
      directiveId,
      (current) => {
        assertReaches(by, current);
        const { directive } = fileStep(current, divisionCode, step, content, by.sub, this.clock.now());
        return { next: directive, changes: [{ type: 'step-filed', divisionCode, step }] };
      },
      () => directiveNotFound(directiveId),
    );
    const record = targetOf(state, divisionCode).steps[step];
    return {
      directiveId,
      divisionCode,
      step,
      stepLabel: DIRECTIVE_STEP_LABELS[step],
      ...this.stepView(record, shanghaiDate(record.filedAt!)),
    };
  }

  async get(directiveId: string, by: Principal) {
    return this.view((await this.load(directiveId, by)).value, this.clock.now());
  }

  async list(by: Principal, limit: number, skip: number) {
    const now = this.clock.now();
    return (await this.directives.list(by.jurisdiction, limit, skip)).map((d) => this.view(d, now));
  }

  /**
   * Records every step whose due day ended unfiled, queuing DirectiveStepMissed in the same
   * compare-and-set write; event ids derive from directive, target and step, so repeated or
   * concurrent sweeps publish each miss once.
   */
  async sweep(): Promise<{ today: string; recorded: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const correlationId = randomUUID();
    let recorded = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await this.directives.withStepDueBefore(today, SWEEP_BATCH, after);
      const missedIn = new Map<string, number>();
      const { written } = await this.directives.store.changeMany(ids, (current, id) => {
        const missed = current ? findMissedSteps(current, today) : [];
        missedIn.set(id, missed.length);
        if (!current || !missed.length) return undefined; // filed, or recorded by another replica, since it was found
        return {
          next: recordMissed(current, missed, now),
          changes: missed.map((m) => ({ type: 'step-missed' as const, ...m, at: now, correlationId })),
        };
      });
      for (const id of written.keys()) recorded += missedIn.get(id) ?? 0;
      if (ids.length < SWEEP_BATCH) return { today, recorded };
      after = ids[ids.length - 1];
    }
  }

  private async load(directiveId: string, by: Principal) {
    const loaded = await this.directives.get(directiveId);
    if (!loaded) throw directiveNotFound(directiveId);
    assertReaches(by, loaded.value);
    return loaded;
  }

  private stepView(record: Directive['targets'][number]['steps'][DirectiveStep], today: string) {
    const state = stepState(record, today);
    return {
      dueDate: record.dueDate,
      state,
      stateLabel: DIRECTIVE_STEP_STATE_LABELS[state],
      filedAt: record.filedAt?.toISOString() ?? null,
      documentRef: record.documentRef,
      title: record.title,
      summary: record.summary,
      missedRecordedAt: record.missedAt?.toISOString() ?? null,
    };
  }

  private view(d: Directive, now: Date) {
    const today = shanghaiDate(now);
    return {
      directiveId: d.directiveId,
      title: d.title,
      issuedBy: d.issuedBy,
      divisionCode: d.divisionCode,
      receivedOn: d.receivedOn,
      issuedAt: d.issuedAt.toISOString(),
      targets: d.targets.map((t) => ({
        divisionCode: t.divisionCode,
        steps: Object.fromEntries(
          DIRECTIVE_STEPS.map((s) => [s, { step: s, stepLabel: DIRECTIVE_STEP_LABELS[s], ...this.stepView(t.steps[s], today) }]),
        ),
      })),
    };
  }
}

function directiveNotFound(directiveId: string): DomainError {
  return DomainError.notFound('DirectiveNotFound', `no directive ${directiveId}`);
}

/** Outside the caller's reach a directive does not exist for them. */
function assertReaches(by: Principal, d: Directive): void {
  if (!d.divisionAncestors.includes(by.jurisdiction)) throw directiveNotFound(d.directiveId);
}
