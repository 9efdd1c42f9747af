import { Injectable } from '@nestjs/common';
import { FuneralHome } from '../../homes/domain/funeral-home';

export type HomeRepair = (home: FuneralHome) => Promise<void>;

/**
 * Repairs other capabilities run for a home before the capacity sweep evaluates it (the cases
 * capability: claims left by a crash, cremation bookings out of step with their cases), so the
 * figures the sweep evaluates count only what is really held.
 */
@Injectable()
export class CapacitySweepHooks {
  private readonly repairs: HomeRepair[] = [];

  register(repair: HomeRepair): void {
    this.repairs.push(repair);
  }

  async run(home: FuneralHome): Promise<void> {
    for (const repair of this.repairs) await repair(home);
  }
}
