import { Injectable } from '@nestjs/common';
import { InspectionCompletedV1 } from '@civil/contracts';
import { deterministicId, DomainError } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { createLogger } from '@civil/platform';
import { OpenIssueFromFinding } from '../../rectification/application/open-issue-from-finding';
import { SelfInspectionsService } from '../../self-inspections/application/self-inspections.service';
import { Inspection, withIssues } from '../domain/inspection';
import { InspectionRepository } from '../infrastructure/inspection.repository';

export interface FindingIssuesSweepResult {
  /** Completed inspections found with a finding not yet opened as an issue. */
  inspections: number;
  /** Those whose every finding now has its issue. */
  finished: number;
  /** Those that failed this time (left flagged for the next run). */
  failed: number;
}

/**
 * Turns a completed inspection's findings into rectification issues (问题清单). The completion
 * write flags the inspection (`issuesPending`) in the same write that completes it; the flag is
 * cleared only once every finding has its issue. Opening is idempotent by finding id, so the
 * completing request, a repeated completion and the sweep may all try: a crash between the
 * completion and its issues leaves a flag the sweep finds, never findings without issues.
 */
@Injectable()
export class FindingIssuesService {
  private readonly logger = createLogger('supervision', 'FindingIssuesService');

  constructor(
    private readonly inspections: InspectionRepository,
    private readonly openIssue: OpenIssueFromFinding,
    private readonly selfInspections: SelfInspectionsService,
  ) {}

  /** Opens the issues still missing and records them on the inspection; returns it as written. */
  async open(i: Inspection): Promise<Inspection> {
    const pending = i.findings.filter((f) => !f.issueId);
    if (!pending.length && !i.issuesPending) return i;
    const completedEventId = deterministicId(InspectionCompletedV1.type, i.inspectionId);
    const opened = new Map<string, string>();
    for (const f of pending) {
      const { issueId } = await this.openIssue.execute(
        {
          findingId: f.findingId,
          inspectionId: i.inspectionId,
          unitId: i.unitId,
          divisionCode: i.divisionCode,
          summary: f.summary,
          severity: f.letter,
          dueDate: f.dueDate!,
          responsibleHead: f.responsibleHead!,
          openedBy: i.completedBy!,
        },
        { correlationId: completedEventId, causationId: completedEventId },
      );
      opened.set(f.findingId, issueId);
    }
    // 举一反三: a confirmed finding severe enough sends its peers self-inspections, before the flag
    // is cleared, so a crash here leaves the completion for the sweep (one campaign per finding)
    await this.selfInspections.launchAutomatic(withIssues(i, opened));
    try {
      const { state } = await this.inspections.store.change(
        i.inspectionId,
        (current) => ({ next: withIssues(current, opened), changes: [] }),
        () => DomainError.notFound('InspectionNotFound', `no inspection ${i.inspectionId}`),
      );
      return state;
    } catch (e) {
      if (!(e instanceof ConcurrentChangeError)) throw e;
      // the issues exist; a later sweep records them on the inspection
      return withIssues(i, opened);
    }
  }

  /** Finishes every completion whose issues are not all open yet; safe at any time and on several replicas. */
  async sweep(batchSize = 100): Promise<FindingIssuesSweepResult> {
    const result: FindingIssuesSweepResult = { inspections: 0, finished: 0, failed: 0 };
    const tried = new Set<string>();
    for (;;) {
      const batch = (await this.inspections.withIssuesPending(batchSize + tried.size)).filter((l) => !tried.has(l.value.inspectionId));
      for (const { value } of batch) {
        tried.add(value.inspectionId);
        result.inspections++;
        try {
          if (!(await this.open(value)).issuesPending) result.finished++;
        } catch (e) {
          result.failed++;
          this.logger.warn('could not open the rectification issues of a completed inspection; the next sweep tries again', {
            inspectionId: value.inspectionId,
            error: (e as Error).message,
          });
        }
      }
      if (batch.length < batchSize) return result;
    }
  }
}
