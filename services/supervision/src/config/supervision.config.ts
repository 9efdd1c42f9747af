import { BaseServiceConfig } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class SupervisionConfig extends BaseServiceConfig {
  override PORT = 3004;

  override MONGO_DB = 'supervision';

  /** How often due cases are escalated; 0 turns the timer off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  ESCALATION_INTERVAL_MS = 10_000;

  /** How often the sweeps (overdue rectification, missed directive steps, unrepaired faults) run; 0 turns them off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SWEEP_INTERVAL_MS = 10_000;
}
