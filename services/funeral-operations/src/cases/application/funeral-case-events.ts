import { FuneralCaseMovedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { Causation, outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { CustodyEntry, FuneralCase } from '../domain/funeral-case';

/** A custody entry added to a case that a home holds; `cause`: the other service's event that opened it. */
export interface FuneralCaseChange {
  type: 'moved';
  entry: CustodyEntry;
  cause?: Causation;
}

/**
 * FuneralCaseMoved, its id derived from the case and the custody entry: exactly once. A case
 * opened by another service's event keeps that flow's correlation id on every move, and its first
 * move names that event as its cause, so one timeline shows both.
 */
export const funeralCaseEvents: EventMapper<FuneralCase, FuneralCaseChange> = (changes, c) =>
  changes.map(({ entry, cause }) =>
    outboxEntry(
      FuneralCaseMovedV1,
      {
        caseId: c.caseId,
        homeId: c.homeId!,
        divisionCode: c.divisionCode,
        from: entry.from,
        to: entry.to,
        infectious: c.infectious,
        origin: c.origin,
        unitId: c.unitId,
        cremateBy: c.cremateBy ? c.cremateBy.toISOString() : null,
        at: entry.at.toISOString(),
      },
      {
        time: entry.at,
        id: deterministicId('funeral-case-moved', c.caseId, String(entry.seq)),
        ...(cause ?? (c.correlationId ? { correlationId: c.correlationId } : {})),
      },
    ),
  );
