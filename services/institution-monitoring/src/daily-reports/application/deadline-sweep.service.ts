import { Injectable } from '@nestjs/common';
import { addDays, Clock, deterministicId, shanghaiDate } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';
import { ReportingDeadlinesService } from '../../reporting-deadlines/application/reporting-deadlines.service';
import { reportId } from '../domain/daily-report';
import { findMissedReports } from '../domain/missed-reports';
import { DailyReport, DailyReportRepository } from '../infrastructure/daily-report.repository';

export interface SweepResult {
  days: string[];
  missed: number;
  /** Of those, recorded by this run (the rest were recorded before, or by another replica). */
  recorded: number;
}

/** Units per page of the sweep: one bulk read and at most one bulk write each. */
const PAGE = 1_000;

/**
 * Records a miss for every unit whose deadline passed without a report, and queues ReportMissed
 * with it. Safe to run on every replica at once and to re-run after a crash: the day's document id
 * and the event id are both derived from unit and day, so each miss is recorded and emitted once.
 */
@Injectable()
export class DeadlineSweepService {
  constructor(
    private readonly reports: DailyReportRepository,
    private readonly institutions: InstitutionRepository,
    private readonly deadlines: ReportingDeadlinesService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Sweeps today and yesterday (Beijing time), so a sweep missed around midnight is caught up. Units
   * come a page at a time; each page's days are read and the missing ones written in one bulk
   * read and one bulk write.
   */
  async sweep(days?: string[]): Promise<SweepResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const sweepDays = days ?? [addDays(today, -1), today];
    const resolver = await this.deadlines.resolver();
    const correlationId = deterministicId('deadline-sweep', now.toISOString());
    let missed = 0;
    let recorded = 0;
    for await (const units of this.institutions.activeReportingUnits(PAGE)) {
      for (const day of sweepDays) {
        const due = new Map(findMissedReports(units, new Set(), resolver, day, now).map((m) => [reportId(m.unit.unitId, day), m]));
        if (due.size === 0) continue;
        const found = new Set<string>();
        const r = await this.reports.store.changeMany([...due.keys()], (current, id) => {
          if (current) return undefined; // reported, or recorded as missed before (by another replica, or an earlier run)
          found.add(id);
          const { unit, deadline } = due.get(id)!;
          const report: DailyReport = {
            _id: id,
            unitId: unit.unitId,
            unitType: unit.unitType,
            divisionCode: unit.divisionCode,
            divisionAncestors: unit.divisionAncestors,
            reportDate: day,
            deadline,
            status: 'missed',
            missedAt: now,
          };
          return { next: report, changes: [{ type: 'missed', correlationId }] };
        });
        missed += found.size;
        recorded += r.written.size;
      }
    }
    return { days: sweepDays, missed, recorded };
  }
}
