import { BaseServiceConfig, DEV_PERSON_KEY_SECRET, DEV_PERSONAL_DATA_KEY } from '../config/base-service.config';
import { loadConfig } from '../config/config.loader';

describe('personal-data configuration', () => {
  it('falls back to the development-only keys when unset', () => {
    const config = loadConfig(BaseServiceConfig, {});
    expect(config.PERSON_KEY_SECRET).toBe(DEV_PERSON_KEY_SECRET);
    expect(config.PERSONAL_DATA_KEY).toBe(DEV_PERSONAL_DATA_KEY);
    expect(DEV_PERSON_KEY_SECRET).toMatch(/dev-only.*NOT-FOR-PRODUCTION/);
  });

  it('refuses short keys, naming the variables but never their values', () => {
    expect(() => loadConfig(BaseServiceConfig, { PERSON_KEY_SECRET: 'short-secret', PERSONAL_DATA_KEY: 'tiny' })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/PERSON_KEY_SECRET: must be at least 32 characters \(value hidden\)[\s\S]*PERSONAL_DATA_KEY/),
      }),
    );
    expect(() => loadConfig(BaseServiceConfig, { PERSON_KEY_SECRET: 'short-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('short-secret') }),
    );
  });
});
