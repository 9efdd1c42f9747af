import { DisinfectionRoundMissedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { DisinfectionDay, MissedRound } from '../domain/disinfection';

/** A round the sweep found missed (area and due time), recorded on the day. */
export interface DisinfectionDayChange {
  type: 'round-missed';
  missed: MissedRound;
}

/** DisinfectionRoundMissed, its id derived from home, area and due time: one event per miss however often the sweep runs. */
export const disinfectionDayEvents: EventMapper<DisinfectionDay, DisinfectionDayChange> = (changes, day) =>
  changes.map(({ missed: m }) =>
    outboxEntry(
      DisinfectionRoundMissedV1,
      {
        homeId: day.homeId,
        divisionCode: day.divisionCode,
        area: m.area,
        dueAt: m.dueAt.toISOString(),
        detectedAt: m.detectedAt.toISOString(),
      },
      { time: m.detectedAt, id: deterministicId(DisinfectionRoundMissedV1.type, day.homeId, m.area, m.dueAt.toISOString()) },
    ),
  );
