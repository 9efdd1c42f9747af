import { DynamicModule, Global, Module } from '@nestjs/common';
import { ESCALATION_INTERVAL_MS } from './cases/application/escalation.scheduler';

/** How often each capability's sweep (overdue issues, missed directive steps, unrepaired faults) runs; 0: never by timer. */
export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

@Global()
@Module({})
export class SweepsModule {
  static forRoot(intervals: { sweepMs: number; escalationMs: number }): DynamicModule {
    return {
      module: SweepsModule,
      providers: [
        { provide: SWEEP_INTERVAL_MS, useValue: intervals.sweepMs },
        { provide: ESCALATION_INTERVAL_MS, useValue: intervals.escalationMs },
      ],
      exports: [SWEEP_INTERVAL_MS, ESCALATION_INTERVAL_MS],
    };
  }
}
