import { Injectable } from '@nestjs/common';
import { DailyReportCounts } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { unitNotFound } from '../../registry/application/unit-directory';
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

    const fields = { submittedAt: now, submittedBy: by.sub, counts, zeroReport };
    const report: DailyReportDoc = {
      _id: id,
      unitId,
      unitType: unit.unitType,
      divisionCode: unit.divisionCode,
      divisionAncestors: unit.divisionAncestors,
      reportDate: day,
      deadline,
      status: 'submitted',
      late: isLate(now, deadline),
      ...fields,
    };
    if (await this.reports.store.create(report, [{ type: 'submitted' }])) return this.view(report);
    // the sweep already recorded the day as missed: this report is late, whatever the clock says
    const alreadyFiled = () => DomainError.conflict('ReportAlreadySubmitted', `unit ${unitId} already reported for ${day}`);
    const { state } = await this.reports.store.change(
      id,
      (current) => {
        if (current.status !== 'missed') throw alreadyFiled();
        return { next: { ...current, ...fields, status: 'submitted', late: true }, changes: [{ type: 'submitted' }] };
      },
      alreadyFiled,
    );
    return this.view(state);
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
