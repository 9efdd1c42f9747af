import { ResidentDiedV1, ResidentTransferredV1, SymptomCaseEndedV1, SymptomCaseReportedV1, UnitType } from '@civil/contracts';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Resident, ResidentEvent } from '../domain/resident';

/**
 * What a rule did to a resident, with what its event says beyond the resident: the unit, and, for
 * a symptom case, how many the unit has opened since its last daily report before this one.
 */
export interface ResidentChange {
  event: ResidentEvent;
  unit: { unitId: string; unitType: UnitType; divisionCode: string };
  at: Date;
  casesBefore: number;
}

/** Residents' events carry the opaque residentRef, never the name or ID number. */
export const residentEvents: EventMapper<Resident, ResidentChange> = (changes, resident) =>
  changes.map(({ event: e, unit, at, casesBefore }) => {
    const ref = { unitId: unit.unitId, unitType: unit.unitType, divisionCode: unit.divisionCode, residentRef: resident.residentId };
    if (e.kind === 'symptom-case-opened') {
      const c = e.symptomCase;
      return outboxEntry(
        SymptomCaseReportedV1,
        {
          ...ref,
          symptomCaseId: c.symptomCaseId,
          symptoms: c.symptoms,
          temperatureC: c.temperatureTenthsC === null ? null : c.temperatureTenthsC / 10,
          detectedAt: c.detectedAt.toISOString(),
          isolatedAt: c.isolatedAt.toISOString(),
          urgent: true,
          casesSinceLastReport: casesBefore + 1,
        },
        { time: at },
      );
    }
    if (e.kind === 'transferred') {
      const t = e.symptomCase.transfer!;
      return outboxEntry(
        ResidentTransferredV1,
        {
          ...ref,
          symptomCaseId: e.symptomCase.symptomCaseId,
          hospital: t.hospital,
          transferredAt: t.transferredAt.toISOString(),
          detectedAt: e.symptomCase.detectedAt.toISOString(),
        },
        { time: at },
      );
    }
    if (e.kind === 'symptom-case-ended') {
      const c = e.symptomCase;
      return outboxEntry(
        SymptomCaseEndedV1,
        {
          ...ref,
          symptomCaseId: c.symptomCaseId,
          outcome: c.ended!.outcome,
          detectedAt: c.detectedAt.toISOString(),
          endedAt: c.ended!.at.toISOString(),
        },
        { time: at },
      );
    }
    const d = e.death;
    return outboxEntry(
      ResidentDiedV1,
      {
        ...ref,
        deathId: d.deathId,
        diedAt: d.diedAt.toISOString(),
        cause: d.cause,
        infectious: d.infectious,
        disease: d.disease,
        personKey: resident.personal.personKey,
        recordedAt: d.recordedAt.toISOString(),
      },
      { time: at },
    );
  });
