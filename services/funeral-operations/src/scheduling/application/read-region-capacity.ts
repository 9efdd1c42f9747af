import { Injectable } from '@nestjs/common';
import { CapacityMeasure } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { ratioOf } from '../domain/capacity';
import { HomeCapacityRepository } from '../infrastructure/home-capacity.repository';
import { CapacityFigures, HomeFigures, publicFigures, round2 } from './capacity-figures';

/** Every home of a region with its figures and episode states, and the region's totals. */
@Injectable()
export class ReadRegionCapacity {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly figures: CapacityFigures,
    private readonly capacity: HomeCapacityRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(divisionCode: string, by: Principal) {
    assertCovers(by, divisionCode);
    const homes = await this.homes.inRegion(divisionCode);
    const now = this.clock.now();
    const states = await this.capacity.getMany(homes.map((h) => h.homeId));
    const rows: (Omit<HomeFigures, 'waitingCaseIds'> & { strained: Record<CapacityMeasure, boolean>; lastEvaluatedAt: Date | null })[] = [];
    for (const h of homes) {
      const f = await this.figures.figures(h, now);
      const s = states.get(h.homeId);
      rows.push({
        ...publicFigures(f),
        strained: { 'cold-storage': s?.coldStorage.strained ?? false, 'cremation-backlog': s?.backlog.strained ?? false } as Record<
          CapacityMeasure,
          boolean
        >,
        lastEvaluatedAt: s?.evaluatedAt ?? null,
      });
    }
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + pick(r), 0);
    const occupied = sum((r) => r.coldStorage.occupied);
    const slots = sum((r) => r.coldStorage.slots);
    const queued = sum((r) => r.backlog.hoursQueued);
    const available = sum((r) => r.backlog.hoursAvailable);
    return {
      divisionCode,
      homes: rows,
      totals: {
        homes: rows.length,
        strainedHomes: rows.filter((r) => r.strained['cold-storage'] || r.strained['cremation-backlog']).length,
        coldStorage: { occupied, slots, ratio: ratioOf(occupied, slots) },
        backlog: { hoursQueued: round2(queued), hoursAvailable: round2(available), ratio: ratioOf(queued, available) },
      },
      evaluatedAt: now,
    };
  }
}
