import { RiskFlagRaisedV1, VisitOverdueEndedV1, VisitOverdueV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { KeyPersonEntry, OverdueEpisode, RaisedFlag, Visit } from '../domain/key-person-entry';

/** What happened to a key-person entry in one write that others hear of (opaque references only). */
export type KeyPersonEntryChange =
  /** A risk flag was raised (directly, on a visit, or when the person was added). */
  | { type: 'flag-raised'; raised: RaisedFlag; at: Date }
  /** A visit ended the open overdue episode (`visit.endedEpisodeId`). */
  | { type: 'overdue-ended'; visit: Visit; at: Date }
  /** The sweep found the entry past its visit due time and opened an overdue episode. */
  | { type: 'overdue'; episode: OverdueEpisode; at: Date };

/** The key-person lists' integration events, one per change, each with an id derived from what it is about. */
export const keyPersonEntryEvents: EventMapper<KeyPersonEntry, KeyPersonEntryChange> = (changes, entry) =>
  changes.map((c) => {
    switch (c.type) {
      case 'flag-raised': {
        const r = c.raised;
        const raiseNo = entry.flagHistory.filter((h) => h.flag === r.flag && h.action === 'raised').length;
        return outboxEntry(
          RiskFlagRaisedV1,
          {
            entryId: entry.entryId,
            personRef: entry.personId,
            divisionCode: entry.divisionCode,
            categories: entry.categories,
            flag: r.flag,
            finding: r.finding,
            raisedAt: r.raisedAt.toISOString(),
            ...(r.cause ? { cause: r.cause } : {}),
          },
          { time: c.at, id: deterministicId(RiskFlagRaisedV1.type, entry.entryId, r.flag, String(raiseNo)) },
        );
      }
      case 'overdue-ended':
        // the visit that ended an overdue episode, so whoever follows the episode (supervision) can close it
        return outboxEntry(
          VisitOverdueEndedV1,
          {
            entryId: entry.entryId,
            personRef: entry.personId,
            divisionCode: entry.divisionCode,
            categories: entry.categories,
            episodeId: c.visit.endedEpisodeId!,
            visitedAt: c.visit.visitedAt.toISOString(),
            recordedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId(VisitOverdueEndedV1.type, c.visit.endedEpisodeId!) },
        );
      case 'overdue':
        return outboxEntry(
          VisitOverdueV1,
          {
            entryId: entry.entryId,
            personRef: entry.personId,
            divisionCode: entry.divisionCode,
            categories: entry.categories,
            episodeId: c.episode.episodeId,
            cadenceDays: c.episode.cadenceDays,
            lastVisitAt: entry.lastVisitAt?.toISOString() ?? null,
            dueAt: c.episode.dueAt.toISOString(),
            detectedAt: c.at.toISOString(),
          },
          { time: c.at, id: deterministicId(VisitOverdueV1.type, c.episode.episodeId) },
        );
    }
  });
