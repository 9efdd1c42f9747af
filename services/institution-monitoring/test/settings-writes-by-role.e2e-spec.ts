import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import {
  bearer,
  isolatedRun,
  matrixDivisions,
  regionalSettingWrite,
  REGIONAL_DIVISION_REQUIRED,
  runSettingsMatrix,
  SettingsMatrix,
  SettingsWrite,
} from '@civil/testing';
import request from 'supertest';
import { startInstitutionMonitoring } from './support';

/**
 * Every role against every settings write of institution monitoring: every region's default, the
 * caller's own region and another province's. Only the national level writes for every region; a
 * province writes its own subtree only; nothing refused is stored.
 */
describe('institution monitoring: who may write settings, by role and region', () => {
  const run = isolatedRun('im-settings-matrix');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
  });

  afterAll(async () => {
    await app?.close();
  });

  const reportingDeadlines: SettingsWrite = {
    name: 'PUT /reporting-deadlines',
    put: async (auth, divisionCode) =>
      http()
        .put('/reporting-deadlines')
        .set(auth)
        .send(divisionCode ? { divisionCode, time: '17:00' } : { time: '17:00' }),
    storedBy: async (divisionCode) => {
      if (!divisionCode) return [];
      const rules = (
        await http()
          .get('/reporting-deadlines')
          .set(bearer({ sub: 'm-reader', roles: ['county-officer'], jurisdiction: divisionCode }))
      ).body as { divisionCode: string; unitType: string | null; history: { setBy: string }[] }[];
      return rules.filter((r) => r.divisionCode === divisionCode && r.unitType === null).flatMap((r) => r.history.map((h) => h.setBy));
    },
  };

  const cases: [SettingsWrite, SettingsMatrix][] = [
    [regionalSettingWrite(http, 'report-expiry-days', 5), REGIONAL_DIVISION_REQUIRED],
    [reportingDeadlines, REGIONAL_DIVISION_REQUIRED],
  ];

  it.each(cases.map(([w, m]) => [w.name, w, m] as const))(
    '%s: the allowed/refused matrix, and only allowed writes are stored',
    async (_name, write, expected) => {
      const { statuses, allowed } = await runSettingsMatrix(write);
      expect(statuses).toEqual(expected);
      for (const divisionCode of matrixDivisions())
        expect([divisionCode, (await write.storedBy(divisionCode)).sort()]).toEqual([
          divisionCode,
          (allowed.get(divisionCode) ?? []).sort(),
        ]);
    },
  );
});
