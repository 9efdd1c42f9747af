import { DynamicModule, Global, Module } from '@nestjs/common';

/** How often each capability's sweep (overdue visits, overdue application steps, phase-out ends, low-income warnings past their check limit) runs; 0: never by timer. */
export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

@Global()
@Module({})
export class SweepsModule {
  static forRoot(intervalMs: number): DynamicModule {
    return { module: SweepsModule, providers: [{ provide: SWEEP_INTERVAL_MS, useValue: intervalMs }], exports: [SWEEP_INTERVAL_MS] };
  }
}
