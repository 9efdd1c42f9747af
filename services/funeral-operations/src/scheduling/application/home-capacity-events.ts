import { CapacityMeasure, CapacityRecoveredV1, CapacityStrainedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { episodeId } from '../domain/capacity';
import { HomeCapacity } from '../infrastructure/home-capacity.repository';

/** A capacity episode of one measure opened (strained, with the homes to send families to) or closed. */
export type HomeCapacityChange =
  | { type: 'strained'; measure: CapacityMeasure; episode: number; ratio: number; threshold: number; alternatives: string[]; at: Date }
  | { type: 'recovered'; measure: CapacityMeasure; episode: number; ratio: number; threshold: number; at: Date };

/** CapacityStrained and CapacityRecovered, once per episode (ids derived from it). */
export const homeCapacityEvents: EventMapper<HomeCapacity, HomeCapacityChange> = (changes, h) =>
  changes.map((c) => {
    const ep = episodeId(h.homeId, c.measure, c.episode);
    const ref = {
      homeId: h.homeId,
      divisionCode: h.divisionCode,
      episodeId: ep,
      measure: c.measure,
      ratio: c.ratio,
      threshold: c.threshold,
    };
    return c.type === 'strained'
      ? outboxEntry(
          CapacityStrainedV1,
          { ...ref, alternatives: c.alternatives, detectedAt: c.at.toISOString() },
          { time: c.at, id: deterministicId('capacity-strained', ep) },
        )
      : outboxEntry(
          CapacityRecoveredV1,
          { ...ref, recoveredAt: c.at.toISOString() },
          { time: c.at, id: deterministicId('capacity-recovered', ep) },
        );
  });
