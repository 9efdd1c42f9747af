import { Injectable } from '@nestjs/common';
import { createLogger, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { CapacityEpisodes } from './capacity-episodes';
import { CapacitySweepHooks } from './capacity-sweep.hooks';

/** The sweep (timer and admin endpoint): every home repaired (stale claims, bookings out of step), then evaluated. */
@Injectable()
export class SweepCapacity {
  private readonly log = createLogger('funeral-operations', 'SweepCapacity');

  constructor(
    private readonly homes: HomeDirectory,
    private readonly episodes: CapacityEpisodes,
    private readonly hooks: CapacitySweepHooks,
  ) {}

  async execute(by?: Principal): Promise<{ evaluated: number; strained: string[] }> {
    const homes = by ? await this.homes.inRegion(by.jurisdiction) : await this.homes.all();
    const strained: string[] = [];
    for (const h of homes) {
      try {
        await this.hooks.run(h);
      } catch (e) {
        this.log.warn('repair before the capacity evaluation failed; the next sweep tries again', {
          homeId: h.homeId,
          error: (e as Error).message,
        });
      }
      const c = await this.episodes.evaluate(h.homeId);
      if (c && (c.coldStorage.strained || c.backlog.strained)) strained.push(h.homeId);
    }
    return { evaluated: homes.length, strained };
  }
}
