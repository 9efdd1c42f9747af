import { DynamicModule, Inject, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@civil/kernel';

/** Injection token for the Clock; inject it rather than calling `new Date()` so tests can move time. */
export const CLOCK = Symbol('CLOCK');

/** `constructor(@InjectClock() private readonly clock: Clock)` */
export const InjectClock = (): ParameterDecorator & PropertyDecorator => Inject(CLOCK);

@Module({})
export class ClockModule {
  /** Global, so every module reads the same time; tests pass a SettableClock. */
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
