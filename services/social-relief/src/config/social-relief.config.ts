import { BaseServiceConfig } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class SocialReliefConfig extends BaseServiceConfig {
  override PORT = 3002;

  override MONGO_DB = 'social_relief';

  /** How often the overdue sweeps (visits, application steps) and phase-out ends run; 0 turns the timer off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SWEEP_INTERVAL_MS = 60_000;
}
