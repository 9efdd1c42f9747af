import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { TownshipEntries } from './township-entries';

/** One entry of a township's list, with its person, visits, flags and next visit due. */
@Injectable()
export class ReadEntry {
  constructor(
    private readonly township: TownshipEntries,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, by: Principal) {
    const { value } = await this.township.load(townshipCode, entryId, by);
    return this.township.detail(value, this.clock.now());
  }
}
