import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { isolatedRun, matrixDivisions, regionalSettingWrite, REGIONAL_DIVISION_REQUIRED, runSettingsMatrix } from '@civil/testing';
import request from 'supertest';
import { startSocialRelief } from './support';

/**
 * Every role against the settings write of social relief: every region's default (in code, never written
 * through the API), the caller's own region and another province's. A province writes its own
 * subtree only, the national level any region; nothing refused is stored.
 */
describe('social relief: who may write settings, by role and region', () => {
  const run = isolatedRun('sr-settings-matrix');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('PUT /regional-settings/near-dibao-multiplier: the allowed/refused matrix, and only allowed writes are stored', async () => {
    const write = regionalSettingWrite(http, 'near-dibao-multiplier', 2);
    const { statuses, allowed } = await runSettingsMatrix(write);
    expect(statuses).toEqual(REGIONAL_DIVISION_REQUIRED);
    for (const divisionCode of matrixDivisions())
      expect([divisionCode, (await write.storedBy(divisionCode)).sort()]).toEqual([divisionCode, (allowed.get(divisionCode) ?? []).sort()]);
  });
});
