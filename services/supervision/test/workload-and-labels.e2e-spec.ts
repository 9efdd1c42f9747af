import { INestApplication } from '@nestjs/common';
import { ACCOUNTABILITY_TRIGGERS, CASE_TYPES, INSPECTION_MODES } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, waitFor } from '@civil/testing';
import request from 'supertest';
import { institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'c-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
const otherCounty = { sub: 'c-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
const inspector = { sub: 'insp-3305', roles: ['inspector' as const], jurisdiction: '3305' };
const discipline = { sub: 'ji-330521', roles: ['discipline-officer' as const], jurisdiction: '330521' };
const staff = { sub: 's-u-w1', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-w1' };

describe('the workload view: coverage, issues, cases and accountability of one region in one answer; labels for every value', () => {
  const run = isolatedRun('sv-workload');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const up = upstream(run);
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    await up.publisher.publish([
      institutionRegisteredRecord('u-w1'),
      institutionRegisteredRecord('u-w2', '330521102', 'relief-station'),
      up.missedRecord('u-w1', '2026-03-02'),
    ]);
    await waitFor('the units and the case', async () => {
      const cases = (await http.get('/cases').set(bearer(county)).expect(200)).body;
      const coverage = (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body;
      return cases.length === 1 && coverage.unitsTotal === 2 ? true : undefined;
    });
    await http
      .post('/rectification-issues')
      .set(bearer(inspector))
      .send({
        unitId: 'u-w1',
        divisionCode: '330521101',
        summary: '消毒记录缺失',
        severity: 'D',
        dueDate: '2026-03-05',
        responsibleHead: '德清县民政局局长',
      })
      .expect(201);
    const a = (
      await http
        .post('/accountability-cases')
        .set(bearer(discipline))
        .send({
          trigger: 'late-reporting',
          subject: { kind: 'unit', id: 'u-w1', divisionCode: '330521101' },
          evidence: [{ eventId: 'e-1' }],
        })
        .expect(201)
    ).body;
    await http
      .post(`/accountability-cases/${a.accountabilityCaseId}/outcome`)
      .set(bearer(discipline))
      .send({ outcome: 'talk' })
      .expect(200);
  });

  afterAll(async () => {
    await up.publisher.disconnect();
    await app?.close();
  });

  it('counts each part for the county, and nothing for a county that has none of it', async () => {
    const w = (await http.get('/workload').set(bearer(county)).expect(200)).body;
    expect(w.divisionCode).toBe('330521');
    expect(w.inspections).toMatchObject({ unitsTotal: 2, unitsInspected: 0 });
    expect(w.issues).toMatchObject({ open: 1 });
    expect(w.cases).toMatchObject({ open: 1, openByLevel: { township: 1 }, openByType: { 'report-missed': 1 } });
    expect(w.accountability.byOutcome).toMatchObject({ talk: 1 });
    const township = (await http.get('/workload?divisionCode=330521102').set(bearer(county)).expect(200)).body;
    expect([township.inspections.unitsTotal, township.issues.open, township.cases.open]).toEqual([1, 0, 0]);
    const other = (await http.get('/workload').set(bearer(otherCounty)).expect(200)).body;
    expect([other.inspections.unitsTotal, other.cases.open, other.issues.open]).toEqual([0, 0, 0]);
  });

  it('refuses a unit’s staff, a division outside the caller’s, and a malformed division (400 naming it)', async () => {
    await http.get('/workload').set(bearer(staff)).expect(403);
    await http.get('/workload?divisionCode=330522').set(bearer(county)).expect(403);
    const bad = await http.get('/workload?divisionCode=33-05').set(bearer(county)).expect(400);
    expect(JSON.stringify(bad.body)).toContain('divisionCode');
  });

  it('has a zh-CN label for every case type, inspection mode and accountability trigger', async () => {
    const labels = (await http.get('/labels').set(bearer(staff)).expect(200)).body;
    expect(labels.locale).toBe('zh-CN');
    for (const [map, values] of [
      ['caseType', CASE_TYPES],
      ['inspectionMode', INSPECTION_MODES],
      ['accountabilityTrigger', ACCOUNTABILITY_TRIGGERS],
    ] as const) {
      for (const v of values) expect(labels[map][v]).toMatch(/\p{Script=Han}/u);
    }
    expect(labels.regionalSetting['equipment-repair-limit-hours']).toMatch(/\p{Script=Han}/u);
  });
});

describe('the OpenAPI document', () => {
  const run = isolatedRun('sv-openapi');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startSupervision(run, new SettableClock('2026-03-02T02:00:00Z'));
  });

  afterAll(() => app?.close());

  it('is served at /docs-json and /docs without a token, naming the service’s routes', async () => {
    const http = request(app.getHttpServer());
    const doc = (await http.get('/docs-json').expect(200)).body;
    expect(doc.info.title).toBe('Supervision (督查)');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/cases', '/workload', '/accountability-cases']));
    expect((await http.get('/docs').redirects(1).expect(200)).text).toContain('swagger');
  });
});
