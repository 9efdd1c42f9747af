import { BaseServiceConfig } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class InstitutionMonitoringConfig extends BaseServiceConfig {
  override PORT = 3001;

  override MONGO_DB = 'institution_monitoring';

  /** How often the deadline sweep runs; 0 turns the timer off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SWEEP_INTERVAL_MS = 15_000;
}
