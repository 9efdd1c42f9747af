import { VACCINATION_FLOOR, VaccinationCoverageBelowFloorV1, VaccinationCoverageRestoredV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { CoverageTransition } from '../domain/vaccination-coverage';
import { UnitVaccination } from '../infrastructure/vaccination-coverage.repository';

/** A group going below the floor or back above it; the event id derives from the episode. */
export const vaccinationEvents: EventMapper<UnitVaccination, CoverageTransition> = (transitions, record) =>
  transitions.map((t) => {
    const g = record.coverage[t.group]!;
    const now = record.updatedAt;
    const base = {
      unitId: record.unitId,
      unitType: record.unitType,
      divisionCode: record.divisionCode,
      episodeId: t.episodeId,
      group: t.group,
      coverage: g.coverage,
      floor: VACCINATION_FLOOR,
    };
    if (t.kind === 'below') {
      return outboxEntry(
        VaccinationCoverageBelowFloorV1,
        {
          ...base,
          eligible: g.eligible,
          vaccinated: g.vaccinated,
          unvaccinatedEligible: g.unvaccinatedEligible,
          detectedAt: now.toISOString(),
        },
        { time: now, id: deterministicId(VaccinationCoverageBelowFloorV1.type, t.episodeId) },
      );
    }
    return outboxEntry(
      VaccinationCoverageRestoredV1,
      { ...base, restoredAt: now.toISOString() },
      { time: now, id: deterministicId(VaccinationCoverageRestoredV1.type, t.episodeId) },
    );
  });
