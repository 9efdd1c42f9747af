import { randomBytes } from 'node:crypto';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import { retryWhileRacing } from '@civil/persistence';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { assertAcceptsArrival } from '../../registry/domain/closed-management';
import { Institution } from '../../registry/domain/institution';
import { ResidentDirectory } from '../../residents/application/resident-directory';
import {
  assertResidentCanReceiveVisits,
  BookVisit,
  bookVisit,
  cancelVisit,
  dateOfVisitId,
  DayView,
  dayView,
  findVisit,
  HealthDeclaration,
  holdsPlace,
  recordArrival,
  Visit,
  VISIT_REFUSAL_LABELS,
  VisitDay,
  visitIdFor,
  Visitor,
  VisitView,
  visitView,
  weekNeighbourhood,
} from '../domain/visit';
import { slotInstant, VisitPolicy } from '../domain/visit-slots';
import { VersionedDay, VisitDayRepository } from '../infrastructure/visit-day.repository';

/** Compare-and-set rounds before a booking gives up (each lost round means someone else's write landed). */
const MAX_ATTEMPTS = 200;

export interface BookVisitInput {
  residentId: string;
  date: string;
  slotStart: string;
  visitor: Visitor;
  healthDeclaration: HealthDeclaration;
}

@Injectable()
export class VisitsService {
  constructor(
    private readonly days: VisitDayRepository,
    private readonly units: UnitDirectory,
    private readonly residents: ResidentDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The day's staggered slots with the places each has left. */
  async slots(unitId: string, date: string, by: Principal): Promise<DayView> {
    const unit = await this.units.unitFor(unitId, by);
    checkDate(date);
    const [policy, { day }] = await Promise.all([this.policy(unit, date), this.days.get(unitId, date)]);
    const now = this.clock.now();
    return dayView(day, policy, (s) => now.getTime() >= slotInstant(date, s.end).getTime());
  }

  /** The day's visits, phones masked. */
  async list(unitId: string, date: string, by: Principal): Promise<VisitView[]> {
    await this.units.unitFor(unitId, by);
    checkDate(date);
    const { day } = await this.days.get(unitId, date);
    return day.visits.map(visitView);
  }

  async book(unitId: string, input: BookVisitInput, by: Principal): Promise<VisitView> {
    const unit = await this.units.unitFor(unitId, by);
    assertAcceptsArrival(unit, 'visit');
    checkDate(input.date);
    const policy = await this.policy(unit, input.date);
    const resident = await this.residents.find(unitId, input.residentId);
    if (!resident) {
      throw DomainError.notFound(
        'ResidentNotFound',
        `no resident ${input.residentId} in unit ${unitId} — ${VISIT_REFUSAL_LABELS.ResidentNotFound}`,
        {
          residentId: input.residentId,
        },
      );
    }
    assertResidentCanReceiveVisits(resident);

    const request: BookVisit = { ...input, visitId: visitIdFor(input.date, input.slotStart, randomBytes(4).toString('hex')) };
    const around = weekNeighbourhood(input.date).filter((d) => d !== input.date);
    return retryWhileRacing(
      async () => {
        // the resident's turn first, then the days it is checked against
        const turn = await this.days.residentTurn(unitId, input.residentId);
        const [current, others] = await Promise.all([this.days.get(unitId, input.date), this.days.days(unitId, around)]);
        const now = this.clock.now();
        const visit = bookVisit(current.day, request, policy, residentVisitDates(others, input.residentId), shanghaiDate(now), now, by.sub);
        if (!(await this.days.save(current, [...current.day.visits, visit], unit))) return undefined;
        if (await this.days.takeTurn(unitId, input.residentId, turn)) return { value: visitView(visit) };
        // another booking for the resident took the turn (it stays): this one goes and is decided again on what is there now
        await this.days.withdraw(unitId, visit.date, visit.visitId);
        return undefined;
      },
      { attempts: MAX_ATTEMPTS, conflict: () => dayBusy(unitId, input.date) },
    );
  }

  async cancel(unitId: string, visitId: string, reason: string, by: Principal): Promise<VisitView> {
    const unit = await this.units.unitFor(unitId, by);
    return this.change(unit, visitId, (v, now) => cancelVisit(v, reason, by.sub, now));
  }

  async arrive(unitId: string, visitId: string, check: { temperatureC: number; maskWorn: boolean }, by: Principal): Promise<VisitView> {
    const unit = await this.units.unitFor(unitId, by);
    const date = dateOfVisitId(visitId);
    // the door is shut while the unit is closed, whatever was booked before the order
    assertAcceptsArrival(unit, 'visit');
    const threshold = date ? await this.settings.valueFor('fever-threshold-tenths-c', unit.divisionCode, date) : 0;
    return this.change(unit, visitId, (v, now) => recordArrival(v, check, threshold, shanghaiDate(now), now, by.sub));
  }

  private async change(unit: Institution, visitId: string, apply: (visit: Visit, now: Date) => Visit): Promise<VisitView> {
    const date = dateOfVisitId(visitId);
    return retryWhileRacing(
      async () => {
        const current: VersionedDay | undefined = date ? await this.days.get(unit.unitId, date) : undefined;
        const visit = findVisit(current?.version ? current.day : undefined, visitId);
        const next = apply(visit, this.clock.now());
        const saved = await this.days.save(
          current!,
          current!.day.visits.map((v) => (v.visitId === visitId ? next : v)),
          unit,
        );
        return saved ? { value: visitView(next) } : undefined;
      },
      { attempts: MAX_ATTEMPTS, conflict: () => dayBusy(unit.unitId, date) },
    );
  }

  private async policy(unit: Institution, date: string): Promise<VisitPolicy> {
    const v = (key: SettingKey) => this.settings.valueFor(key, unit.divisionCode, date);
    const [dayStartHour, dayEndHour, slotMinutes, slotCapacity, perUnitPerDay, perResidentPerWeek, feverThresholdTenthsC] =
      await Promise.all([
        v('visit-day-start-hour'),
        v('visit-day-end-hour'),
        v('visit-slot-minutes'),
        v('visit-slot-capacity'),
        v('visits-per-unit-per-day'),
        v('visits-per-resident-per-week'),
        v('fever-threshold-tenths-c'),
      ]);
    return { dayStartHour, dayEndHour, slotMinutes, slotCapacity, perUnitPerDay, perResidentPerWeek, feverThresholdTenthsC };
  }
}

function checkDate(date: string | undefined): asserts date is string {
  if (date === undefined || !isLocalDate(date))
    throw DomainError.invalid('InvalidDate', 'date must be a date (YYYY-MM-DD)', { field: 'date' });
}

function residentVisitDates(days: readonly VisitDay[], residentId: string): string[] {
  return days.flatMap((d) => d.visits.filter((v) => v.residentId === residentId && holdsPlace(v)).map((v) => v.date));
}

function dayBusy(unitId: string, date: string | null | undefined): DomainError {
  return DomainError.conflict('VisitDayBusy', `too many simultaneous changes to ${unitId}'s visits on ${date}; try again`);
}
