import { Injectable } from '@nestjs/common';
import { DailyReportCounts, DailyReportSubmittedV1 } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { unitNotFound } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';
import { ReportingDeadlinesService } from '../../reporting-deadlines/application/reporting-deadlines.service';
import { checkCounts, checkReportDay, isLate, isZeroReport, reportId } from '../domain/daily-report';
import { DailyReportDoc, DailyReportRepository } from '../infrastructure/daily-report.repository';

export interface SubmittedReport {
  reportId: string;
  unitId: string;
  reportDate: string;
  submittedAt: string;
  deadline: string;
  late: boolean;
  zeroReport: boolean;
}

@Injectable()
export class SubmitDailyReportService {
  constructor(
    private readonly reports: DailyReportRepository,
    private readonly institutions: InstitutionRepository,
    private readonly deadlines: ReportingDeadlinesService,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async submit(
    unitId: string,
    day: string,
    rawCounts: Partial<Record<keyof DailyReportCounts, unknown>>,
    by: Principal,
  ): Promise<SubmittedReport> {
    const unit = await this.institutions.get(unitId);
    if (!unit) throw unitNotFound(unitId);
    assertFoundWithin(by, () => unitNotFound(unitId), unit.divisionCode, unit.unitId);
    const now = this.clock.now();
    checkReportDay(day, now);
    const counts = checkCounts(rawCounts);
    const deadline = (await this.deadlines.resolver()).deadlineFor(unit.divisionCode, unit.unitType, day);
    const id = reportId(unitId, day);
    const zeroReport = isZeroReport(counts);

    const late = isLate(now, deadline);
    const fields = { submittedAt: now, submittedBy: by.sub, counts, zeroReport };
    const doc: DailyReportDoc = {
      _id: id,
      unitId,
      unitType: unit.unitType,
      divisionCode: unit.divisionCode,
      divisionAncestors: unit.divisionAncestors,
      reportDate: day,
      deadline,
      status: 'submitted',
      late,
      ...fields,
      outbox: [this.event(unit, id, day, now, deadline, late, zeroReport, counts)],
    };
    if (await this.reports.insertSubmitted(doc)) {
      this.relay.notifyWritten(DailyReportRepository.COLLECTION, [{ docId: id, entries: doc.outbox }]);
      return this.view(doc);
    }
    // the sweep already recorded the day as missed: this report is late, whatever the clock says
    const lateEvent = this.event(unit, id, day, now, deadline, true, zeroReport, counts);
    if (await this.reports.submitLate(id, fields, [lateEvent])) {
      this.relay.notifyWritten(DailyReportRepository.COLLECTION, [{ docId: id, entries: [lateEvent] }]);
      return this.view({ ...doc, late: true });
    }
    throw DomainError.conflict('ReportAlreadySubmitted', `unit ${unitId} already reported for ${day}`);
  }

  private event(
    unit: Institution,
    id: string,
    day: string,
    now: Date,
    deadline: Date,
    late: boolean,
    zeroReport: boolean,
    counts: DailyReportCounts,
  ) {
    return outboxEntry(
      DailyReportSubmittedV1,
      {
        reportId: id,
        unitId: unit.unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        reportDate: day,
        submittedAt: now.toISOString(),
        deadline: deadline.toISOString(),
        late,
        zeroReport,
        counts,
      },
      { time: now },
    );
  }

  private view(doc: DailyReportDoc): SubmittedReport {
    return {
      reportId: doc._id,
      unitId: doc.unitId,
      reportDate: doc.reportDate,
      submittedAt: doc.submittedAt!.toISOString(),
      deadline: doc.deadline.toISOString(),
      late: doc.late ?? false,
      zeroReport: doc.zeroReport ?? false,
    };
  }
}
