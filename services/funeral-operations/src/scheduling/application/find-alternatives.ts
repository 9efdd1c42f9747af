import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { ALTERNATIVES_REGION_DIGITS, CapacityFigures, publicFigures } from './capacity-figures';

/** Other homes of the region (the city) with free capacity, best first, beside the home's own figures. */
@Injectable()
export class FindAlternatives {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly figures: CapacityFigures,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(homeId: string, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const own = await this.figures.figures(home, now);
    const ranked = await this.figures.rankedAlternatives(home, now);
    return { homeId, region: home.divisionCode.slice(0, ALTERNATIVES_REGION_DIGITS), own: publicFigures(own), alternatives: ranked };
  }
}
