import { Injectable } from '@nestjs/common';
import type { InspectionTargetType, InspectionTrigger, ReportMissed, SymptomCaseReported } from '@civil/contracts';
import { APPLIED_EVENTS_KEPT } from '@civil/persistence';
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
import { Inspection, newInspection } from '../domain/inspection';
import { InspectionRepository } from '../infrastructure/inspection.repository';
import { InspectionUnit, InspectionUnitRepository } from '../infrastructure/inspection-unit.repository';
import { TriggerSubject, TriggerSubjectRepository } from '../infrastructure/trigger-subject.repository';
import { InspectionSettingsReader } from './inspection-settings.reader';

type Decide = (
  misses: readonly RememberedMiss[],
  settings: TriggerSettings,
  now: Date,
) => { trigger: InspectionTrigger | null; misses: RememberedMiss[] };

/** One event's part in a unit's fold: its de-duplication key, its cause and its rule. */
interface Signal {
  event: EventEnvelope<unknown>;
  unit: { unitId: string; unitType: InspectionTargetType; divisionCode: string };
  decide: Decide;
}

/** What a unit's events decide: its next trigger state and the inspections they schedule, in order. */
interface Folded {
  next: TriggerSubject;
  scheduled: { inspection: Inspection; cause: EventEnvelope<unknown> }[];
  /** Nothing new applied (every event was applied before). */
  unchanged: boolean;
}

/** Whether a triggered inspection is still pending; undefined when it was not read. */
type PendingLookup = (inspectionId: string) => boolean | undefined;

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
 *
 * A deadline sweep's misses arrive a partition's run at a time: the run is folded per unit from
 * one bulk read, the few inspections it schedules are created, and every unit's state is written
 * in one bulk compare-and-set. A unit another writer changed in between so that its fold would
 * schedule something else is taken again one event at a time.
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
    return this.applyOne(symptomSignal(event));
  }

  /** A run of ReportMissed: one bulk read, one bulk write (order kept per unit). */
  async onReportsMissed(events: readonly EventEnvelope<ReportMissed>[]): Promise<void> {
    const byUnit = new Map<string, Signal[]>();
    for (const e of events) byUnit.set(e.data.unitId, [...(byUnit.get(e.data.unitId) ?? []), missSignal(e)]);
    const ids = [...byUnit.keys()];
    const [loaded, copies] = await Promise.all([this.subjects.store.getMany(ids), this.units.getMany(ids)]);
    const pendingIds = [...loaded.values()].map((s) => s.value.pendingInspectionId).filter((id): id is string => !!id);
    const read = await this.inspections.getMany(pendingIds);
    const known = new Map<string, boolean>([...read].map(([id, i]) => [id, i.status !== 'completed']));
    for (const id of pendingIds) if (!read.has(id)) known.set(id, false);
    const now = this.clock.now();
    const contexts = new Map<string, UnitContext>();
    for (const [unitId, signals] of byUnit) contexts.set(unitId, await this.context(signals[0].unit, copies.get(unitId), now));

    // the plan: what each unit's events decide on the states read; its inspections are created first
    const planned = new Map<string, string[]>();
    for (const [unitId, signals] of byUnit) {
      const folded = fold(loaded.get(unitId)?.value ?? fresh(unitId), signals, contexts.get(unitId)!, (id) => known.get(id));
      if (!folded) continue;
      planned.set(
        unitId,
        folded.scheduled.map((s) => s.inspection.inspectionId),
      );
      for (const s of folded.scheduled) {
        await this.inspections.store.create(s.inspection, [{ type: 'scheduled', at: now, causation: causedBy(s.cause) }]);
        known.set(s.inspection.inspectionId, true);
      }
    }

    const again: string[] = [];
    await this.subjects.store.changeMany(ids, (current, unitId) => {
      const folded = fold(current ?? fresh(unitId), byUnit.get(unitId)!, contexts.get(unitId)!, (id) => known.get(id));
      const scheduled = folded?.scheduled.map((s) => s.inspection.inspectionId) ?? [];
      if (!folded || scheduled.some((id) => !planned.get(unitId)?.includes(id))) {
        again.push(unitId);
        return undefined;
      }
      return folded.unchanged ? undefined : { next: folded.next, changes: [] };
    });
    for (const unitId of again) for (const s of byUnit.get(unitId)!) await this.applyOne(s);
  }

  private async applyOne(signal: Signal): Promise<void> {
    const { unitId } = signal.unit;
    await this.subjects.store.changeWith(unitId, async (loaded) => {
      const subject = loaded?.value ?? fresh(unitId);
      if (subject.appliedEvents.includes(eventKey(signal.event))) return undefined;
      const now = this.clock.now();
      const ctx = await this.context(signal.unit, await this.units.get(unitId), now);
      const pending = subject.pendingInspectionId ? await this.pending(subject.pendingInspectionId) : false;
      const folded = fold(subject, [signal], ctx, () => pending)!;
      for (const s of folded.scheduled) {
        // false: created by an earlier attempt or a racing signal, with its events (an unannounced visit has none until it starts)
        await this.inspections.store.create(s.inspection, [{ type: 'scheduled', at: now, causation: causedBy(s.cause) }]);
      }
      return { next: folded.next, changes: [] };
    });
  }

  private async context(unit: Signal['unit'], copy: InspectionUnit | undefined, now: Date): Promise<UnitContext> {
    const divisionCode = copy?.divisionCode ?? unit.divisionCode;
    return {
      divisionCode,
      unitType: copy?.unitType ?? unit.unitType,
      now,
      settings: await this.settings.triggers(divisionCode, shanghaiDate(now)),
    };
  }

  /** A triggered inspection not completed yet holds off the next one. */
  private async pending(inspectionId: string): Promise<boolean> {
    const i = await this.inspections.get(inspectionId);
    return !!i && i.value.status !== 'completed';
  }
}

interface UnitContext {
  divisionCode: string;
  unitType: InspectionTargetType;
  now: Date;
  settings: TriggerSettings;
}

function symptomSignal(event: EventEnvelope<SymptomCaseReported>): Signal {
  return {
    event,
    unit: event.data,
    decide: (misses, settings) => ({ trigger: symptomCasesRule(event.data.casesSinceLastReport, event.id, settings), misses: [...misses] }),
  };
}

function missSignal(event: EventEnvelope<ReportMissed>): Signal {
  return {
    event,
    unit: event.data,
    decide: (remembered, settings, now) => {
      const misses = rememberMiss(remembered, { reportDate: event.data.reportDate, eventId: event.id }, now);
      return { trigger: reportsMissedRule(misses, now, settings), misses };
    },
  };
}

function fresh(unitId: string): TriggerSubject {
  return { unitId, misses: [], appliedEvents: [], pendingInspectionId: null, generation: 0 };
}

/**
 * A unit's events applied in order to its trigger state (pure). Undefined when a pending
 * inspection's status is needed and was not read.
 */
function fold(subject: TriggerSubject, signals: readonly Signal[], ctx: UnitContext, isPending: PendingLookup): Folded | undefined {
  let next = subject;
  const scheduled: Folded['scheduled'] = [];
  const justScheduled = new Set<string>();
  for (const signal of signals) {
    const key = eventKey(signal.event);
    if (next.appliedEvents.includes(key)) continue;
    const { trigger, misses } = signal.decide(next.misses, ctx.settings, ctx.now);
    next = { ...next, misses, appliedEvents: [...next.appliedEvents, key].slice(-APPLIED_EVENTS_KEPT) };
    if (!trigger) continue;
    const pendingId = next.pendingInspectionId;
    const pending = !pendingId ? false : justScheduled.has(pendingId) ? true : isPending(pendingId);
    if (pending === undefined) return undefined;
    if (pending) continue;
    const generation = next.generation + 1;
    const inspection = newInspection({
      inspectionId: deterministicId('triggered-inspection', subject.unitId, String(generation)),
      planId: null,
      unitId: subject.unitId,
      unitType: ctx.unitType,
      divisionCode: ctx.divisionCode,
      divisionAncestors: divisionAncestors(ctx.divisionCode),
      mode: triggeredMode(ctx.settings.mode),
      teamId: null,
      scheduledDate: scheduledDateFor(ctx.now, ctx.settings),
      scheduledAt: ctx.now,
      trigger,
    });
    scheduled.push({ inspection, cause: signal.event });
    justScheduled.add(inspection.inspectionId);
    next = { ...next, generation, pendingInspectionId: inspection.inspectionId, misses: trigger.rule === 'reports-missed' ? [] : misses };
  }
  return { next, scheduled, unchanged: next === subject };
}
