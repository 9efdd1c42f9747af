import { DailyReportCorrectedV1, DailyReportInconsistentV1, DailyReportSubmittedV1, ReportMissedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Correction } from '../domain/daily-report';
import type { FactCheck } from '../domain/report-facts';
import { DailyReport } from '../infrastructure/daily-report.repository';

/** What happened to a unit's day in one write. */
export type DailyReportChange =
  | { type: 'submitted' }
  /** `correlationId`: the sweep run that found the day missing. */
  | { type: 'missed'; correlationId: string }
  | { type: 'corrected'; correction: Correction }
  /** The report just submitted disagrees with the unit's own records (it is accepted all the same). */
  | { type: 'inconsistent'; check: FactCheck; at: Date };

/**
 * The daily report's integration events. A miss's event id derives from unit and day: however
 * many replicas and runs of the sweep find it, it is one event.
 */
export const dailyReportEvents: EventMapper<DailyReport, DailyReportChange> = (changes, r) => {
  // an inconsistency names the submission (or correction) it disagrees with, written beside it
  let submittedId = '';
  return changes.map((c) => {
    switch (c.type) {
      case 'submitted': {
        const entry = outboxEntry(
          DailyReportSubmittedV1,
          {
            reportId: r._id,
            unitId: r.unitId,
            unitType: r.unitType,
            divisionCode: r.divisionCode,
            reportDate: r.reportDate,
            submittedAt: r.submittedAt!.toISOString(),
            deadline: r.deadline.toISOString(),
            late: r.late ?? false,
            zeroReport: r.zeroReport ?? false,
            counts: r.counts!,
          },
          { time: r.submittedAt! },
        );
        submittedId = entry.id;
        return entry;
      }
      case 'inconsistent': {
        const at = c.at;
        return outboxEntry(
          DailyReportInconsistentV1,
          {
            unitId: r.unitId,
            unitType: r.unitType,
            divisionCode: r.divisionCode,
            reportId: r._id,
            dailyReportEventId: submittedId,
            reportDate: r.reportDate,
            discrepancies: c.check.discrepancies,
            casesWithoutSymptomReport: c.check.casesWithoutSymptomReport,
            detectedAt: at.toISOString(),
          },
          { id: deterministicId(DailyReportInconsistentV1.type, submittedId), time: at },
        );
      }
      case 'missed':
        return outboxEntry(
          ReportMissedV1,
          {
            reportId: r._id,
            unitId: r.unitId,
            unitType: r.unitType,
            divisionCode: r.divisionCode,
            reportDate: r.reportDate,
            deadline: r.deadline.toISOString(),
            detectedAt: r.missedAt!.toISOString(),
          },
          { id: deterministicId(ReportMissedV1.type, r.unitId, r.reportDate), time: r.missedAt!, correlationId: c.correlationId },
        );
      case 'corrected': {
        const k = c.correction;
        const entry = outboxEntry(
          DailyReportCorrectedV1,
          {
            unitId: r.unitId,
            unitType: r.unitType,
            divisionCode: r.divisionCode,
            reportId: r._id,
            reportDate: r.reportDate,
            correction: k.correction,
            counts: r.counts!,
            changedFields: k.changedFields,
            reason: k.reason,
            underLockException: k.underLockException,
            zeroReport: r.zeroReport ?? false,
            correctedAt: k.at.toISOString(),
          },
          { time: k.at },
        );
        submittedId = entry.id;
        return entry;
      }
    }
  });
};
