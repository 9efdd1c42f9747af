import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import {
  bearer,
  isolatedRun,
  matrixDivisions,
  PROVINCE_LEVEL,
  REGIONAL_DIVISION_REQUIRED,
  REGIONAL_WITH_DEFAULT,
  regionalSettingWrite,
  runSettingsMatrix,
  SettingsMatrix,
  SettingsWrite,
} from '@civil/testing';
import request from 'supertest';
import { startSupervision } from './support';

const reader = { sub: 'm-reader', roles: ['county-officer' as const], jurisdiction: '330521' };
const rungs = [
  { level: 'township', minutesToResolve: 60 },
  { level: 'county', minutesToResolve: 120 },
  { level: 'city', minutesToResolve: 240 },
  { level: 'province' },
];

/**
 * Every role against every settings write of supervision: every region's default, the caller's
 * own region and another province's. Only the national level (national-admin) writes the default
 * every region falls back to — not a province officer of Guangdong, not a discipline officer — and
 * a province writes its own subtree only; nothing refused is stored.
 */
describe('supervision: who may write settings, by role and region', () => {
  const run = isolatedRun('sv-settings-matrix');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startSupervision(run, clock);
  });

  afterAll(async () => {
    await app?.close();
  });

  const ladders: SettingsWrite = {
    name: 'PUT /escalation-ladders/report-missed',
    put: async (auth, divisionCode) =>
      http()
        .put('/escalation-ladders/report-missed')
        .set(auth)
        .send(divisionCode ? { divisionCode, rungs } : { rungs }),
    storedBy: async (divisionCode) => {
      const ladder = (
        await http()
          .get('/escalation-ladders/report-missed')
          .query(divisionCode ? { divisionCode } : {})
          .set(bearer(reader))
      ).body;
      return ladder.divisionCode === (divisionCode ?? '') ? ladder.history.map((h: { setBy: string }) => h.setBy) : [];
    },
  };

  const accountabilityRules: SettingsWrite = {
    name: 'PUT /accountability-rules/report-missed',
    put: async (auth, divisionCode) =>
      http()
        .put('/accountability-rules/report-missed')
        .query(divisionCode ? { divisionCode } : {})
        .set(auth)
        .send({ level: 'county', trigger: 'late-reporting' }),
    storedBy: async (divisionCode) => {
      const rules = (
        await http()
          .get('/accountability-rules')
          .query(divisionCode ? { divisionCode } : {})
          .set(bearer(reader))
      ).body;
      const rule = rules.find((r: { caseType: string }) => r.caseType === 'report-missed');
      return rule.divisionCode === (divisionCode ?? '') ? rule.history.map((h: { setBy: string }) => h.setBy) : [];
    },
  };

  const checklists: SettingsWrite = {
    name: 'PUT /checklist-templates/elderly-care-home',
    put: async (auth, divisionCode) => {
      const items = [{ code: 'closed-management', text: '落实封闭管理' }];
      return http()
        .put('/checklist-templates/elderly-care-home')
        .set(auth)
        .send(divisionCode ? { divisionCode, items } : { items });
    },
    storedBy: async (divisionCode) => {
      const t = (
        await http()
          .get('/checklist-templates/elderly-care-home')
          .query(divisionCode ? { divisionCode } : {})
          .set(bearer(reader))
      ).body;
      // version 0 is the built-in default
      return t.divisionCode === (divisionCode ?? '')
        ? t.versions.filter((v: { version: number }) => v.version > 0).map((v: { setBy: string }) => v.setBy)
        : [];
    },
  };

  const cases: [SettingsWrite, SettingsMatrix][] = [
    [regionalSettingWrite(http, 'equipment-repair-limit-hours', 48), REGIONAL_DIVISION_REQUIRED],
    [ladders, REGIONAL_WITH_DEFAULT],
    [accountabilityRules, PROVINCE_LEVEL],
    [checklists, REGIONAL_WITH_DEFAULT],
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

  it('tells a province officer why every region’s default is not theirs, and a discipline officer of a county why a rule is not theirs', async () => {
    const guangdong = { sub: 'p-44', roles: ['province-officer' as const], jurisdiction: '44' };
    const ladder = await http().put('/escalation-ladders/report-missed').set(bearer(guangdong)).send({ rungs }).expect(403);
    expect(ladder.body).toMatchObject({ error: 'NationalRoleRequired', details: { field: 'divisionCode' } });
    const zhejiang = await http()
      .put('/escalation-ladders/report-missed')
      .set(bearer(guangdong))
      .send({ rungs, divisionCode: '33' })
      .expect(403);
    expect(zhejiang.body.error).toBe('OutsideJurisdiction');
    const rule = await http()
      .put('/accountability-rules/report-missed')
      .set(bearer({ sub: 'd-44', roles: ['discipline-officer'], jurisdiction: '44' }))
      .send({ level: 'county', trigger: 'late-reporting' })
      .expect(403);
    expect(rule.body.error).toBe('NationalRoleRequired');
    const county = await http()
      .put('/accountability-rules/report-missed')
      .query({ divisionCode: '330521' })
      .set(bearer({ sub: 'd-330521', roles: ['discipline-officer'], jurisdiction: '330521' }))
      .send({ level: 'county', trigger: 'late-reporting' })
      .expect(403);
    expect(county.body.error).toBe('ProvinceLevelOnly');
    // Guangdong's own subtree is theirs
    await http().put('/escalation-ladders/report-missed').set(bearer(guangdong)).send({ rungs, divisionCode: '4401' }).expect(200);
  });
});
