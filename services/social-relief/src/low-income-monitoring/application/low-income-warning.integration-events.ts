import { LowIncomeWarningCheckedV1, LowIncomeWarningOverdueV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { LowIncomeWarning } from '../domain/low-income-warning';

/** What happened to a warning in one write that others hear of. Raising one publishes nothing: only its outcome does. */
export type LowIncomeWarningChange =
  /** Found past its due time unchecked (once per warning). */
  | { type: 'overdue'; at: Date }
  /** The township filed its home check. */
  | { type: 'checked'; at: Date };

function ref(w: LowIncomeWarning) {
  return {
    warningId: w.warningId,
    subjectType: w.subjectType,
    subjectRef: w.subjectId,
    divisionCode: w.divisionCode,
    kind: w.kind,
    level: w.level,
    campaignId: w.campaignId,
  };
}

/** The warnings' integration events (opaque references only), each with an id derived from the warning. */
export const lowIncomeWarningEvents: EventMapper<LowIncomeWarning, LowIncomeWarningChange> = (changes, w) =>
  changes.map((c) => {
    switch (c.type) {
      case 'overdue':
        return outboxEntry(
          LowIncomeWarningOverdueV1,
          {
            ...ref(w),
            raisedAt: w.raisedAt.toISOString(),
            limitDays: w.limitDays,
            dueAt: w.dueAt.toISOString(),
            detectedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId(LowIncomeWarningOverdueV1.type, w.warningId) },
        );
      case 'checked': {
        const check = w.check!;
        return outboxEntry(
          LowIncomeWarningCheckedV1,
          {
            ...ref(w),
            finding: check.finding,
            checkedAt: check.checkedAt.toISOString(),
            recordedAt: check.recordedAt.toISOString(),
            late: check.late,
            applicationId: check.applicationId,
          },
          { time: c.at, id: deterministicId(LowIncomeWarningCheckedV1.type, w.warningId) },
        );
      }
    }
  });
