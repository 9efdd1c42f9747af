import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate, shanghaiInstant, addDays } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import * as rules from '../domain/resident';
import { Resident, Transition } from '../domain/resident';
import { LastDailyReportReader } from '../infrastructure/last-daily-report.reader';
import { ResidentRepository, VersionedResident } from '../infrastructure/resident.repository';

/** A resident as a use case hands it back: with the unit it belongs to, settled to now. */
export interface UnitResident {
  unit: Institution;
  resident: Resident;
}

/**
 * What the use cases on the residents of a unit (服务对象) share: a resident of the unit read
 * (404 for another unit's) or changed by one of the rules, and the count of the unit's symptom
 * cases since its last daily report that a newly opened case's event carries. Names and ID numbers
 * are encrypted before they are stored and never appear in events or log lines; events carry the
 * opaque residentRef.
 */
@Injectable()
export class UnitResidents {
  constructor(
    private readonly units: UnitDirectory,
    private readonly residents: ResidentRepository,
    private readonly lastReports: LastDailyReportReader,
    @InjectClock() private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * Reads, applies the rule, writes with its events in one compare-and-set (retried on a race by
   * the store). `opensCases`: the rule may open a symptom case, whose event counts the unit's cases
   * since its last daily report (read before the write).
   */
  async apply(
    unitId: string,
    residentId: string,
    by: Principal,
    transition: (r: Resident, unit: Institution, now: Date) => Transition,
    opensCases = false,
  ): Promise<UnitResident> {
    const unit = await this.units.unitFor(unitId, by);
    const casesBefore = opensCases ? await this.casesSinceLastReport(unitId, this.clock.now()) : 0;
    const notFound = () => residentNotFound(unitId, residentId);
    const { state } = await this.residents.store.change(
      residentId,
      (current) => {
        if (current.unitId !== unitId) throw notFound();
        const now = this.clock.now();
        const { resident, events } = transition(current, unit, now);
        return { next: resident, changes: events.map((event) => ({ event, unit, at: now, casesBefore })) };
      },
      notFound,
    );
    return { unit, resident: rules.settle(state, this.clock.now()) };
  }

  async load(unitId: string, residentId: string): Promise<VersionedResident> {
    const current = await this.residents.getVersioned(residentId);
    if (!current || current.value.unitId !== unitId) throw residentNotFound(unitId, residentId);
    return current;
  }

  /**
   * Symptom cases already opened in the unit since its last submitted daily report (today's or
   * yesterday's, by key); with neither, since the start of yesterday (Beijing). The new case is
   * added by the caller. Two cases opened in the same instant may both count themselves first.
   */
  async casesSinceLastReport(unitId: string, now: Date): Promise<number> {
    const today = shanghaiDate(now);
    const since = (await this.lastReports.lastSubmittedAt(unitId, today)) ?? shanghaiInstant(addDays(today, -1), '00:00');
    return this.residents.symptomCasesSince(unitId, since);
  }
}

function residentNotFound(unitId: string, residentId: string): DomainError {
  return DomainError.notFound('ResidentNotFound', `unit ${unitId} has no resident ${residentId}`, { unitId, residentId });
}
