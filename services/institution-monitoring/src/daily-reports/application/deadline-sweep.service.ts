import { Injectable } from '@nestjs/common';
import { ReportMissedV1 } from '@civil/contracts';
import { addDays, Clock, deterministicId, shanghaiDate } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';
import { ReportingDeadlinesService } from '../../reporting-deadlines/application/reporting-deadlines.service';
import { reportId } from '../domain/daily-report';
import { findMissedReports } from '../domain/missed-reports';
import { DailyReportDoc, DailyReportRepository } from '../infrastructure/daily-report.repository';

export interface SweepResult {
  days: string[];
  missed: number;
  /** Of those, recorded by this run (the rest were recorded before, or by another replica). */
  recorded: number;
}

const CHUNK = 1_000;

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
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Sweeps today and yesterday (Beijing time), so a sweep missed around midnight is caught up. */
  async sweep(days?: string[]): Promise<SweepResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const sweepDays = days ?? [addDays(today, -1), today];
    const units = await this.institutions.activeReportingUnits();
    const resolver = await this.deadlines.resolver();
    const correlationId = deterministicId('deadline-sweep', now.toISOString());
    let missed = 0;
    let recorded = 0;
    for (const day of sweepDays) {
      const due = findMissedReports(units, new Set(), resolver, day, now);
      const recordedAlready = await this.reports.unitsRecorded(
        day,
        due.map((m) => m.unit.unitId),
      );
      const found = due.filter((m) => !recordedAlready.has(m.unit.unitId));
      missed += found.length;
      for (let i = 0; i < found.length; i += CHUNK) {
        const docs: DailyReportDoc[] = found.slice(i, i + CHUNK).map(({ unit, deadline }) => {
          const id = reportId(unit.unitId, day);
          return {
            _id: id,
            unitId: unit.unitId,
            unitType: unit.unitType,
            divisionCode: unit.divisionCode,
            divisionAncestors: unit.divisionAncestors,
            reportDate: day,
            deadline,
            status: 'missed',
            missedAt: now,
            outbox: [
              outboxEntry(
                ReportMissedV1,
                {
                  reportId: id,
                  unitId: unit.unitId,
                  unitType: unit.unitType,
                  divisionCode: unit.divisionCode,
                  reportDate: day,
                  deadline: deadline.toISOString(),
                  detectedAt: now.toISOString(),
                },
                { id: deterministicId(ReportMissedV1.type, unit.unitId, day), time: now, correlationId },
              ),
            ],
          };
        });
        const inserted = new Set(await this.reports.insertMissed(docs));
        recorded += inserted.size;
        this.relay.notifyWritten(
          DailyReportRepository.COLLECTION,
          docs.filter((d) => inserted.has(d._id)).map((d) => ({ docId: d._id, entries: d.outbox })),
        );
      }
    }
    return { days: sweepDays, missed, recorded };
  }
}
