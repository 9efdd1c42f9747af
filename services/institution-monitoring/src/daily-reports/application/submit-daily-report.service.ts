import { Injectable } from '@nestjs/common';
import { DailyReportCounts } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { unitNotFound } from '../../registry/application/unit-directory';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';
import { ReportingDeadlinesService } from '../../reporting-deadlines/application/reporting-deadlines.service';
import { checkCounts, checkReportDay, isLate, isZeroReport, reportId } from '../domain/daily-report';
import { checkAgainstRecords } from '../domain/report-facts';
import { DailyReportChange } from './daily-report-events';
import { DailyReportDoc, DailyReportRepository } from '../infrastructure/daily-report.repository';
import { UnitRecordsReader } from '../infrastructure/unit-records.reader';

export interface SubmittedReport {
  reportId: string;
  unitId: string;
  reportDate: string;
  submittedAt: string;
  deadline: string;
  late: boolean;
  zeroReport: boolean;
  /** Figures that disagree with the unit's own records (DailyReportInconsistent published); [] when none. */
  discrepancies: { field: string; rule: string; reported: number; recorded: number }[];
}

@Injectable()
export class SubmitDailyReportService {
  constructor(
    private readonly reports: DailyReportRepository,
    private readonly institutions: InstitutionRepository,
    private readonly deadlines: ReportingDeadlinesService,
    private readonly records: UnitRecordsReader,
    private readonly settings: RegionalSettingsService<SettingKey>,
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
    // the report is a statement of fact: checked against the unit's own records, accepted either way
    const today = shanghaiDate(now);
    const check = checkAgainstRecords(counts, await this.records.of(unitId, day, now), {
      levelsApply: day === today,
      tolerance: await this.settings.valueFor('report-resident-tolerance', unit.divisionCode, today),
    });
    const changes: DailyReportChange[] = [{ type: 'submitted' }];
    if (check.discrepancies.length) changes.push({ type: 'inconsistent', check, at: now });
    const view = (doc: DailyReportDoc) => ({ ...this.view(doc), discrepancies: check.discrepancies });

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
    if (await this.reports.store.create(report, changes)) return view(report);
    // the sweep already recorded the day as missed: this report is late, whatever the clock says
    const alreadyFiled = () => DomainError.conflict('ReportAlreadySubmitted', `unit ${unitId} already reported for ${day}`);
    const { state } = await this.reports.store.change(
      id,
      (current) => {
        if (current.status !== 'missed') throw alreadyFiled();
        return { next: { ...current, ...fields, status: 'submitted', late: true }, changes };
      },
      alreadyFiled,
    );
    return view(state);
  }

  private view(doc: DailyReportDoc): Omit<SubmittedReport, 'discrepancies'> {
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
