import { Injectable } from '@nestjs/common';
import type { InspectionTrigger, ReportMissed, SymptomCaseReported, UnitType } from '@civil/contracts';
import { APPLIED_EVENTS_KEPT, ConcurrentChangeError } from '@civil/persistence';
import { Clock, deterministicId, divisionAncestors, shanghaiDate } from '@civil/kernel';
import { causedBy, EventEnvelope, eventKey } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import {
  RememberedMiss,
  rememberMiss,
  reportsMissedRule,
  scheduledDateFor,
  symptomCasesRule,
  TriggerSettings,
  triggeredMode,
} from '../domain/data-triggers';
import { newInspection } from '../domain/inspection';
import { InspectionRepository } from '../infrastructure/inspection.repository';
import { InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';
import { TriggerSubject, TriggerSubjectRepository } from '../infrastructure/trigger-subject.repository';
import { InspectionSettingsReader } from './inspection-settings.reader';

const CAS_ATTEMPTS = 8;

type Decide = (
  subject: TriggerSubject,
  settings: TriggerSettings,
  now: Date,
) => { trigger: InspectionTrigger | null; misses: RememberedMiss[] };

/**
 * SymptomCaseReported / ReportMissed → an inspection of the unit within the region's days, when a
 * data rule fires and no triggered inspection of that unit is pending. Idempotent: an applied
 * event is remembered per unit, and the inspection id derives from the unit and its count of
 * triggered inspections, so a redelivery or two racing signals (the two come on different
 * topics) schedule one inspection.
 *
 * Two aggregates in one step: the inspection is created before the unit's trigger state is saved
 * (so a crash between the two leaves the event unapplied, and its redelivery finds the inspection
 * under the same id), and the state is saved only if nobody wrote it since it was read; otherwise
 * the whole step is decided again.
 */
@Injectable()
export class ScheduleInspectionWhenDataTriggersHandler {
  constructor(
    private readonly subjects: TriggerSubjectRepository,
    private readonly inspections: InspectionRepository,
    private readonly units: InspectionUnitRepository,
    private readonly settings: InspectionSettingsReader,
    @InjectClock() private readonly clock: Clock,
  ) {}

  onSymptomCase(event: EventEnvelope<SymptomCaseReported>): Promise<void> {
    return this.apply(event, event.data, (subject, settings) => ({
      trigger: symptomCasesRule(event.data.casesSinceLastReport, event.id, settings),
      misses: subject.misses,
    }));
  }

  onReportMissed(event: EventEnvelope<ReportMissed>): Promise<void> {
    return this.apply(event, event.data, (subject, settings, now) => {
      const misses = rememberMiss(subject.misses, { reportDate: event.data.reportDate, eventId: event.id }, now);
      return { trigger: reportsMissedRule(misses, now, settings), misses };
    });
  }

  private async apply(
    event: EventEnvelope<unknown>,
    unit: { unitId: string; unitType: UnitType; divisionCode: string },
    decide: Decide,
  ): Promise<void> {
    const key = eventKey(event);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const loaded = await this.subjects.get(unit.unitId);
      const subject: TriggerSubject = loaded?.value ?? {
        unitId: unit.unitId,
        misses: [],
        appliedEvents: [],
        pendingInspectionId: null,
        generation: 0,
      };
      if (subject.appliedEvents.includes(key)) return;
      const copy = await this.units.get(unit.unitId);
      const divisionCode = copy?.divisionCode ?? unit.divisionCode;
      const now = this.clock.now();
      const settings = await this.settings.triggers(divisionCode, shanghaiDate(now));
      const { trigger, misses } = decide(subject, settings, now);
      const next: TriggerSubject = { ...subject, misses, appliedEvents: [...subject.appliedEvents, key].slice(-APPLIED_EVENTS_KEPT) };
      if (trigger && !(await this.pending(subject.pendingInspectionId))) {
        const generation = subject.generation + 1;
        const inspection = newInspection({
          inspectionId: deterministicId('triggered-inspection', unit.unitId, String(generation)),
          planId: null,
          unitId: unit.unitId,
          unitType: copy?.unitType ?? unit.unitType,
          divisionCode,
          divisionAncestors: divisionAncestors(divisionCode),
          mode: triggeredMode(settings.mode),
          teamId: null,
          scheduledDate: scheduledDateFor(now, settings),
          scheduledAt: now,
          trigger,
        });
        // false: created by an earlier attempt or a racing signal, with its events (an unannounced visit has none until it starts)
        await this.inspections.store.create(inspection, [{ type: 'scheduled', at: now, causation: causedBy(event) }]);
        Object.assign(next, {
          generation,
          pendingInspectionId: inspection.inspectionId,
          misses: trigger.rule === 'reports-missed' ? [] : misses,
        });
      }
      const saved = loaded ? await this.subjects.store.saveIf(loaded, { next, changes: [] }) : await this.subjects.store.create(next, []);
      if (saved) return;
    }
    // retried by the consumer (the other writer will have finished)
    throw new ConcurrentChangeError(`trigger state of unit ${unit.unitId} kept changing; will retry`, { unitId: unit.unitId });
  }

  /** A triggered inspection not completed yet holds off the next one. */
  private async pending(inspectionId: string | null): Promise<boolean> {
    if (!inspectionId) return false;
    const i = await this.inspections.get(inspectionId);
    return !!i && i.value.status !== 'completed';
  }
}
