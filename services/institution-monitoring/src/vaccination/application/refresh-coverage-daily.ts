import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate, shanghaiInstant } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { VaccinationCoverageRepository } from '../infrastructure/vaccination-coverage.repository';
import { UnitCoverage } from './unit-coverage';

/**
 * Recomputes, once a day, the coverage of every unit whose figures come from its register or staff
 * roll and that nothing has rewritten today: a resident who turned 12, an admission, a death or a
 * discharge counts by the next day at the latest (and opens or ends an episode like any write).
 */
@Injectable()
export class RefreshCoverageDaily {
  constructor(
    private readonly coverage: VaccinationCoverageRepository,
    private readonly units: UnitDirectory,
    private readonly unitCoverage: UnitCoverage,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async run(): Promise<{ refreshed: number }> {
    const startOfToday = shanghaiInstant(shanghaiDate(this.clock.now()), '00:00');
    let refreshed = 0;
    for await (const unitIds of this.coverage.derivedWrittenBefore(startOfToday)) {
      for (const unitId of unitIds) {
        const unit = await this.units.find(unitId);
        if (!unit?.active) continue;
        await this.unitCoverage.refresh(unit, 'system:daily-coverage-refresh');
        refreshed += 1;
      }
    }
    return { refreshed };
  }
}
