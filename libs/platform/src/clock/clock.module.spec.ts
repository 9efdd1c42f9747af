import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, SettableClock, SystemClock } from '@civil/kernel';
import { CLOCK, ClockModule, InjectClock } from './clock.module';

@Injectable()
class DeadlineService {
  constructor(@InjectClock() readonly clock: Clock) {}
}

@Module({ providers: [DeadlineService] })
class DeadlinesModule {}

describe('ClockModule', () => {
  it('gives every module the same clock, settable in tests', async () => {
    const clock = new SettableClock('2026-03-02T02:00:00Z');
    const moduleRef = await Test.createTestingModule({ imports: [ClockModule.forRoot(clock), DeadlinesModule] }).compile();
    expect(moduleRef.get(DeadlineService).clock).toBe(clock);
    clock.advance(60_000);
    expect(moduleRef.get(DeadlineService).clock.now().toISOString()).toBe('2026-03-02T02:01:00.000Z');
  });

  it('defaults to the system clock', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ClockModule.forRoot()] }).compile();
    expect(moduleRef.get(CLOCK)).toBeInstanceOf(SystemClock);
  });
});
