import { Inject, Injectable } from '@nestjs/common';
import {
  checkSettingValue,
  Clock,
  covers,
  DomainError,
  isLocalDate,
  RegionalSetting,
  RegionalSettings,
  SettingDefinitions,
  shanghaiDate,
} from '@civil/kernel';
import { assertCovers } from '../auth/jurisdiction.policy';
import { assertMaySetFor } from '../auth/settings.policy';
import { Principal } from '../auth/principal.model';
import { InjectClock } from '../clock/clock.module';
import { RegionalSettingRepository } from './regional-setting.repository';

export const REGIONAL_SETTING_DEFINITIONS = Symbol('REGIONAL_SETTING_DEFINITIONS');

const CACHE_MS = 5_000;

/** Reads and sets a service's regional settings; `K` is the union of its setting keys. */
@Injectable()
export class RegionalSettingsService<K extends string = string> {
  private cached?: { settings: RegionalSettings<K>; until: number };

  constructor(
    private readonly repository: RegionalSettingRepository,
    @Inject(REGIONAL_SETTING_DEFINITIONS) readonly definitions: SettingDefinitions,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Sets a value for a division from a day on (today at the earliest: past days keep theirs): the
   * national level anywhere, others inside their jurisdiction. Every region's default is the
   * definition's, in code.
   */
  async set(key: string, divisionCode: string, value: number, effectiveFrom: string | undefined, by: Principal): Promise<RegionalSetting> {
    checkSettingValue(this.definitions, key, value);
    assertMaySetFor(by, divisionCode);
    const now = this.clock.now();
    const from = effectiveFrom ?? shanghaiDate(now);
    if (!isLocalDate(from)) throw DomainError.invalid('InvalidDate', `effectiveFrom ${from} is not YYYY-MM-DD`, { field: 'effectiveFrom' });
    if (from < shanghaiDate(now))
      throw DomainError.invalid('EffectiveInPast', `effectiveFrom ${from} is before today; past days keep their value`, {
        field: 'effectiveFrom',
      });
    const setting = await this.repository.addVersion(key, divisionCode, { value, effectiveFrom: from, setBy: by.sub, setAt: now });
    this.cached = undefined;
    return setting;
  }

  /** Every setting as it applies to a division today, with where each value comes from. */
  async effective(divisionCode: string, by: Principal) {
    assertCovers(by, divisionCode);
    const settings = await this.current();
    const day = shanghaiDate(this.clock.now());
    return (Object.keys(this.definitions) as K[]).map((key) => ({
      key,
      label: this.definitions[key].label,
      ...settings.resolve(key, divisionCode, day),
    }));
  }

  /** Stored values with their history, for the caller's jurisdiction, above and below. */
  async list(by: Principal): Promise<RegionalSetting[]> {
    return (await this.repository.all()).filter((s) => covers(s.divisionCode, by.jurisdiction) || covers(by.jurisdiction, s.divisionCode));
  }

  /** Read by every rule that needs a regional value; kept for a few seconds. */
  async current(): Promise<RegionalSettings<K>> {
    if (!this.cached || this.cached.until < Date.now()) {
      this.cached = { settings: new RegionalSettings<K>(this.definitions, await this.repository.all()), until: Date.now() + CACHE_MS };
    }
    return this.cached.settings;
  }

  async valueFor(key: K, divisionCode: string, day: string): Promise<number> {
    return (await this.current()).valueFor(key, divisionCode, day);
  }
}
