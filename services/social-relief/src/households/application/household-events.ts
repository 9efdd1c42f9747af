import {
  HouseholdCategoryDeterminedV1,
  HouseholdCategory,
  HouseholdExitedV1,
  HouseholdPhaseOutStartedV1,
  RecheckMissedV1,
  RecheckRecordedV1,
} from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Household, HouseholdAssessment } from '../domain/household';
import { RecheckRecord } from '../domain/recheck';

/** What happened to a household in one write that others hear of (amounts only, no personal data). */
export type HouseholdChange =
  /** An assessment by rule was recorded (HouseholdCategoryDetermined, its id derived from the assessment). */
  | { type: 'category-determined'; assessment: HouseholdAssessment }
  /** An enrolled household's income rose above its line: its phase-out (the household's `phaseOut`) started. */
  | { type: 'phase-out-started'; at: Date }
  /** The phase-out that started at `phaseOutStartedAt` ended and the household left its register. */
  | {
      type: 'exited';
      at: Date;
      previousCategory: HouseholdCategory;
      phaseOutStartedAt: string;
      /** Absent on changes recorded before re-checks: the phase-out ended. */
      reason?: 'phase-out-ended' | 'no-longer-eligible';
    }
  /** The re-check sweep found the re-check due on `dueOn` not recorded by its (extended) due day plus grace. */
  | { type: 'recheck-missed'; at: Date; dueOn: string; graceDays: number; extendedDays: number }
  /** The township recorded a re-check (the household's `recheck` shows the next cycle). */
  | { type: 'recheck-recorded'; at: Date; record: RecheckRecord; category: HouseholdCategory };

/** The households' integration events, one per change. */
export const householdEvents: EventMapper<Household, HouseholdChange> = (changes, h) =>
  changes.map((c) => {
    switch (c.type) {
      case 'category-determined': {
        const a = c.assessment;
        return outboxEntry(
          HouseholdCategoryDeterminedV1,
          {
            householdId: h.householdId,
            divisionCode: h.divisionCode,
            category: a.category,
            previousCategory: a.previousCategory,
            members: a.members,
            incomePerMemberFen: a.incomePerMemberFen,
            incomeAfterRigidExpensesPerMemberFen: a.incomeAfterRigidExpensesPerMemberFen,
            standardFen: a.standardFen,
            nearDibaoMultiplier: a.nearDibaoMultiplier,
            monthlyBenefitFen: a.monthlyBenefitFen,
            determinedAt: a.at.toISOString(),
          },
          { time: a.at, id: deterministicId('HouseholdCategoryDetermined', a.assessmentId) },
        );
      }
      case 'phase-out-started': {
        const phaseOut = h.phaseOut!;
        return outboxEntry(
          HouseholdPhaseOutStartedV1,
          {
            householdId: h.householdId,
            divisionCode: h.divisionCode,
            category: phaseOut.category,
            incomePerMemberFen: phaseOut.incomePerMemberFen,
            standardFen: phaseOut.standardFen,
            startedAt: c.at.toISOString(),
            endsOn: phaseOut.endsOn,
          },
          { time: c.at, id: deterministicId('HouseholdPhaseOutStarted', h.householdId, c.at.toISOString()) },
        );
      }
      case 'exited':
        return outboxEntry(
          HouseholdExitedV1,
          {
            householdId: h.householdId,
            divisionCode: h.divisionCode,
            previousCategory: c.previousCategory,
            reason: c.reason ?? 'phase-out-ended',
            exitedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId('HouseholdExited', h.householdId, c.phaseOutStartedAt) },
        );
      case 'recheck-missed':
        return outboxEntry(
          RecheckMissedV1,
          {
            householdId: h.householdId,
            divisionCode: h.divisionCode,
            category: h.enrolledCategory ?? 'none',
            recheckClass: h.recheck!.recheckClass,
            dueOn: c.dueOn,
            graceDays: c.graceDays,
            extendedDays: c.extendedDays,
            detectedAt: c.at.toISOString(),
          },
          // one signal per household and due day
          { time: c.at, id: deterministicId(RecheckMissedV1.type, h.householdId, c.dueOn) },
        );
      case 'recheck-recorded': {
        const r = c.record;
        return outboxEntry(
          RecheckRecordedV1,
          {
            householdId: h.householdId,
            divisionCode: h.divisionCode,
            category: c.category,
            recheckId: r.recheckId,
            outcome: r.outcome,
            recheckClass: r.recheckClass,
            checkedOn: r.checkedOn,
            dueOn: r.dueOn,
            missedDueOn: r.missed ? r.dueOn : null,
            nextDueOn: h.recheck?.dueOn ?? null,
            recordedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId(RecheckRecordedV1.type, r.recheckId) },
        );
      }
    }
  });
