import { BaseServiceConfig } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class FuneralOperationsConfig extends BaseServiceConfig {
  override PORT = 3003;

  override MONGO_DB = 'funeral_operations';

  /** How often the sweeps (missed checks, missed disinfection, capacity) run; 0 turns the timer off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SWEEP_INTERVAL_MS = 60_000;
}
