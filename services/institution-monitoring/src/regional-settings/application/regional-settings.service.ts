import { Injectable } from '@nestjs/common';
import { Clock, covers, DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { checkSettingValue, RegionalSetting, RegionalSettings, SETTING_KEYS, SettingKey, SETTINGS } from '../domain/regional-setting';
import { RegionalSettingRepository } from '../infrastructure/regional-setting.repository';

const CACHE_MS = 5_000;

@Injectable()
export class RegionalSettingsService {
  private cached?: { settings: RegionalSettings; until: number };

  constructor(
    private readonly repository: RegionalSettingRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Sets a value for a division from a day on (today at the earliest: past days keep theirs). */
  async set(key: SettingKey, divisionCode: string, value: number, effectiveFrom: string | undefined, by: Principal): Promise<RegionalSetting> {
    assertCovers(by, divisionCode);
    checkSettingValue(key, value);
    const now = this.clock.now();
    const from = effectiveFrom ?? shanghaiDate(now);
    if (!isLocalDate(from)) throw DomainError.invalid('InvalidDate', `effectiveFrom ${from} is not YYYY-MM-DD`, { field: 'effectiveFrom' });
    if (from < shanghaiDate(now)) throw DomainError.invalid('EffectiveInPast', `effectiveFrom ${from} is before today; past days keep their value`, { field: 'effectiveFrom' });
    const setting = await this.repository.addVersion(key, divisionCode, { value, effectiveFrom: from, setBy: by.sub, setAt: now });
    this.cached = undefined;
    return setting;
  }

  /** Every setting as it applies to a division today, with where each value comes from. */
  async effective(divisionCode: string, by: Principal) {
    assertCovers(by, divisionCode);
    const settings = await this.current();
    const day = shanghaiDate(this.clock.now());
    return SETTING_KEYS.map((key) => ({ key, label: SETTINGS[key].label, ...settings.resolve(key, divisionCode, day) }));
  }

  /** Stored values with their history, for the caller's jurisdiction, above and below. */
  async list(by: Principal): Promise<RegionalSetting[]> {
    return (await this.repository.all()).filter((s) => covers(s.divisionCode, by.jurisdiction) || covers(by.jurisdiction, s.divisionCode));
  }

  /** Read by every rule that needs a regional value; kept for a few seconds. */
  async current(): Promise<RegionalSettings> {
    if (!this.cached || this.cached.until < Date.now()) {
      this.cached = { settings: new RegionalSettings(await this.repository.all()), until: Date.now() + CACHE_MS };
    }
    return this.cached.settings;
  }

  async valueFor(key: SettingKey, divisionCode: string, day: string): Promise<number> {
    return (await this.current()).valueFor(key, divisionCode, day);
  }
}
