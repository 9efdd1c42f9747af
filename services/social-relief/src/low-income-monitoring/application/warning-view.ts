import type { LowIncomeWarning } from '../domain/low-income-warning';
import { isOverdue } from '../domain/low-income-warning';
import {
  LOW_INCOME_CHECK_FINDING_LABELS,
  LOW_INCOME_SUBJECT_TYPE_LABELS,
  LOW_INCOME_WARNING_KIND_LABELS,
  LOW_INCOME_WARNING_LEVEL_LABELS,
  LOW_INCOME_WARNING_STATUS_LABELS,
} from '../domain/labels';

/** A warning as shown (opaque references only; the officer's note and reason to those who may read the warning). */
export function warningView(w: LowIncomeWarning, now: Date) {
  return {
    warningId: w.warningId,
    source: w.source,
    sourceRecordId: w.sourceRecordId,
    campaignId: w.campaignId,
    kind: w.kind,
    kindLabel: LOW_INCOME_WARNING_KIND_LABELS[w.kind],
    level: w.level,
    levelLabel: LOW_INCOME_WARNING_LEVEL_LABELS[w.level],
    subjectType: w.subjectType,
    subjectTypeLabel: LOW_INCOME_SUBJECT_TYPE_LABELS[w.subjectType],
    subjectId: w.subjectId,
    divisionCode: w.divisionCode,
    townshipCode: w.townshipCode,
    comparedOn: w.comparedOn,
    raisedAt: w.raisedAt.toISOString(),
    limitDays: w.limitDays,
    dueAt: w.dueAt.toISOString(),
    status: w.status,
    statusLabel: LOW_INCOME_WARNING_STATUS_LABELS[w.status],
    overdue: isOverdue(w, now),
    overdueSignalledAt: w.overdueAt?.toISOString() ?? null,
    check: w.check
      ? {
          finding: w.check.finding,
          findingLabel: LOW_INCOME_CHECK_FINDING_LABELS[w.check.finding],
          checkedAt: w.check.checkedAt.toISOString(),
          recordedAt: w.check.recordedAt.toISOString(),
          by: w.check.by,
          note: w.check.note,
          reason: w.check.reason,
          applicationId: w.check.applicationId,
          late: w.check.late,
        }
      : null,
  };
}
