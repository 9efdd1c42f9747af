import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { settle } from '../domain/resident';
import { ResidentRepository } from '../infrastructure/resident.repository';

/** What other capabilities (visits) may know of a resident: no name, no ID number. */
export interface ResidentSummary {
  residentId: string;
  unitId: string;
  /**
   * Where the resident stands today (ResidentStatus in domain/resident-status.ts):
   * 'in-residence' (在院), 'isolated' (隔离观察: after admission to a relief station, after a
   * return from leave, or on the symptom path), 'on-leave' (请假外出), 'transferred' (已转送定点医院),
   * 'discharged' (已离院), 'deceased' (已死亡). A 14-day isolation whose end date has come reads
   * 'in-residence'. Only 'in-residence' residents are free to receive visits; 'isolated' ones are in
   * the unit but isolated.
   */
  status: string;
}

/** How other capabilities of this service look a resident up. */
@Injectable()
export class ResidentDirectory {
  constructor(
    private readonly residents: ResidentRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The resident of that unit, or undefined (unknown id, or a resident of another unit). */
  async find(unitId: string, residentId: string): Promise<ResidentSummary | undefined> {
    const current = await this.residents.getVersioned(residentId);
    if (!current || current.value.unitId !== unitId) return undefined;
    const r = settle(current.value, this.clock.now());
    return { residentId: r.residentId, unitId: r.unitId, status: r.status };
  }
}
