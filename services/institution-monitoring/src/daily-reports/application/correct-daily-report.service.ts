import { Injectable } from '@nestjs/common';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { DailyReportCounts } from '@civil/contracts';
import { addDays, Clock, DomainError, shanghaiDate, shanghaiInstant } from '@civil/kernel';
import { assertCovers, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { checkCounts, Correction, decideCorrection, isZeroReport, LockException, lockInstant, reportId } from '../domain/daily-report';
import { checkAgainstRecords } from '../domain/report-facts';
import { DailyReportChange } from './daily-report-events';
import { DailyReportDoc, DailyReportRepository } from '../infrastructure/daily-report.repository';
import { UnitRecordsReader } from '../infrastructure/unit-records.reader';

/** A lock exception lasts to the end of the day this many days after it is granted, unless set. */
const DEFAULT_EXCEPTION_DAYS = 2;

export interface DailyReportView {
  reportId: string;
  unitId: string;
  reportDate: string;
  status: string;
  late: boolean;
  zeroReport: boolean;
  submittedAt: string | null;
  deadline: string;
  counts: DailyReportCounts | null;
  /** When corrections stop being accepted without an exception. */
  locksAt: string;
  locked: boolean;
  lockException: LockException | null;
  corrections: Correction[];
}

/** Corrections of a filed report until its period locks (DHIS2's expiry days), and lock exceptions. */
@Injectable()
export class CorrectDailyReportService {
  constructor(
    private readonly reports: DailyReportRepository,
    private readonly units: UnitDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly records: UnitRecordsReader,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async correct(
    unitId: string,
    day: string,
    rawCounts: Partial<Record<keyof DailyReportCounts, unknown>>,
    reason: string,
    by: Principal,
  ): Promise<DailyReportView> {
    const unit = await this.units.unitFor(unitId, by);
    const counts = checkCounts(rawCounts);
    const lockAt = await this.lockAt(unit.divisionCode, day);
    // corrected figures are a statement of fact too: checked against the records as a filing is
    const today = shanghaiDate(this.clock.now());
    const check = checkAgainstRecords(counts, await this.records.of(unitId, day, this.clock.now()), {
      levelsApply: day === today,
      tolerance: await this.settings.valueFor('report-resident-tolerance', unit.divisionCode, today),
    });
    const notFound = () => DomainError.notFound('ReportNotFound', `unit ${unitId} has no report for ${day}`);
    const { state } = await this.reports.store.change(
      reportId(unitId, day),
      (doc) => {
        const now = this.clock.now();
        const decision = decideCorrection(doc, counts, lockAt, now);
        const before: Partial<DailyReportCounts> = {};
        const after: Partial<DailyReportCounts> = {};
        for (const f of decision.changedFields) {
          before[f] = doc.counts![f];
          after[f] = counts[f];
        }
        const correction: Correction = {
          correction: decision.correction,
          at: now,
          by: by.sub,
          reason,
          changedFields: decision.changedFields,
          before,
          after,
          underLockException: decision.underLockException,
        };
        const next = { ...doc, counts, zeroReport: isZeroReport(counts), corrections: [...(doc.corrections ?? []), correction] };
        const changes: DailyReportChange[] = [{ type: 'corrected', correction }];
        if (check.discrepancies.length) changes.push({ type: 'inconsistent', check, at: now });
        return { next, changes };
      },
      notFound,
    );
    return this.view(state, lockAt, this.clock.now());
  }

  /** The county lets a locked report be corrected for a while (e.g. after verifying a mistake). */
  async grantLockException(
    unitId: string,
    day: string,
    reason: string,
    expiresOn: string | undefined,
    by: Principal,
  ): Promise<DailyReportView> {
    const unit = await this.units.unitFor(unitId, by);
    assertCovers(by, unit.divisionCode);
    const now = this.clock.now();
    const until = expiresOn ?? addDays(shanghaiDate(now), DEFAULT_EXCEPTION_DAYS);
    if (until < shanghaiDate(now)) throw DomainError.invalid('ExpiresInPast', `expiresOn ${until} is before today`, { field: 'expiresOn' });
    const exception: LockException = { grantedBy: by.sub, grantedAt: now, reason, expiresAt: shanghaiInstant(addDays(until, 1), '00:00') };
    const notFiled = () =>
      DomainError.conflict('ReportNotSubmitted', `unit ${unitId} has no filed report for ${day}; an exception applies to a filed report`, {
        rule: 'correct-only-submitted',
      });
    const { state } = await this.reports.store.change(
      reportId(unitId, day),
      (doc) => {
        if (doc.status !== 'submitted') throw notFiled();
        return { next: { ...doc, lockException: exception }, changes: [] };
      },
      notFiled,
    );
    return this.view(state, await this.lockAt(unit.divisionCode, day), this.clock.now());
  }

  async get(unitId: string, day: string, by: Principal): Promise<DailyReportView> {
    const unit = await this.units.unitFor(unitId, by);
    const doc = await this.reports.get(reportId(unitId, day));
    if (!doc) throw DomainError.notFound('ReportNotFound', `unit ${unitId} has no report or recorded miss for ${day}`);
    return this.view(doc, await this.lockAt(unit.divisionCode, day), this.clock.now());
  }

  private async lockAt(divisionCode: string, day: string): Promise<Date> {
    return lockInstant(day, await this.settings.valueFor('report-expiry-days', divisionCode, day));
  }

  private view(doc: DailyReportDoc, lockAt: Date, now: Date): DailyReportView {
    return {
      reportId: doc._id,
      unitId: doc.unitId,
      reportDate: doc.reportDate,
      status: doc.status,
      late: doc.late ?? false,
      zeroReport: doc.zeroReport ?? false,
      submittedAt: doc.submittedAt?.toISOString() ?? null,
      deadline: doc.deadline.toISOString(),
      counts: doc.counts ?? null,
      locksAt: lockAt.toISOString(),
      locked: now.getTime() >= lockAt.getTime(),
      lockException: doc.lockException ?? null,
      corrections: doc.corrections ?? [],
    };
  }
}
