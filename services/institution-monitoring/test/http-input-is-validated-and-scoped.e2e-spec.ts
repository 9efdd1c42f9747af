import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, startInstitutionMonitoring, unit, zeroCounts } from './support';

describe('institution-monitoring HTTP: bad input, no token, other jurisdictions', () => {
  const run = isolatedRun('im-http');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 in Beijing
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit('u-http-1')).expect(201);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 401 without a token or with a forged one', async () => {
    const none = await http.get('/institutions').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await http.get('/institutions').set('Authorization', 'Bearer not.a.token').expect(401);
  });

  it('answers 400 naming every bad field of a registration', async () => {
    const res = await http
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send({ ...unit('u-bad'), unitType: 'castle', divisionCode: '33', beds: -1, extra: 1 })
      .expect(400);
    expect(res.body.error).toBe('ValidationFailed');
    const fields = res.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['beds', 'divisionCode', 'extra', 'unitType']);
    expect(res.body.fields.find((f: { field: string }) => f.field === 'unitType').reasons).toEqual([
      expect.stringContaining('must be one of: elderly-care-home'),
    ]);
  });

  it('refuses a blank figure in a daily report with 400 naming it, and accepts an explicit zero report', async () => {
    const { deaths: _d, ...blank } = zeroCounts;
    const res = await http
      .post('/institutions/u-http-1/daily-reports')
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-02', counts: blank })
      .expect(400);
    expect(res.body.fields).toEqual([{ field: 'counts.deaths', reasons: ['must be reported; send 0 when there is none (零报告)'] }]);
    const ok = await http
      .post('/institutions/u-http-1/daily-reports')
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-02', counts: zeroCounts })
      .expect(201);
    expect(ok.body).toMatchObject({ reportId: 'u-http-1:2026-03-02', late: false, zeroReport: true });
    await http
      .post('/institutions/u-http-1/daily-reports')
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-02', counts: zeroCounts })
      .expect(409);
  });

  it('refuses a cross-field impossibility with 400 and its reason', async () => {
    const res = await http
      .post('/institutions/u-http-1/daily-reports')
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-01', counts: { ...zeroCounts, residents: 1, staffOnDuty: 0, confirmed: 5 } })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'InconsistentFigures',
      details: {
        fields: expect.arrayContaining([expect.objectContaining({ field: 'counts.confirmed', rule: 'confirmed-within-headcount' })]),
      },
    });
  });

  it('answers 403 for a division outside the caller’s jurisdiction, and a unit outside it or another unit’s as an unknown one (404)', async () => {
    const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
    const write = await http.post('/institutions').set(bearer(otherCounty)).send(unit('u-http-2', '330521102')).expect(403);
    expect(write.body).toMatchObject({ statusCode: 403, error: 'OutsideJurisdiction' });
    await http.get('/institutions/u-http-1').set(bearer(otherCounty)).expect(404);
    const otherUnitStaff = { sub: 'staff-9', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-other' };
    await http
      .post('/institutions/u-http-1/daily-reports')
      .set(bearer(otherUnitStaff))
      .send({ reportDate: '2026-03-01', counts: zeroCounts })
      .expect(404);
    const list = await http.get('/institutions').set(bearer(otherCounty)).expect(200);
    expect(list.body).toEqual([]);
  });

  it('answers 403 when the role may not do it, and lets an admin run the sweep', async () => {
    const staff = { sub: 'staff-1', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-http-1' };
    await http.post('/institutions').set(bearer(staff)).send(unit('u-http-3')).expect(403);
    await http.post('/daily-reports/deadline-sweeps').set(bearer(staff)).expect(403);
    const sweep = await http.post('/daily-reports/deadline-sweeps').set(bearer(admin)).expect(201);
    expect(sweep.body).toMatchObject({ missed: 0 });
  });

  it('serves liveness and readiness without a token', async () => {
    await http.get('/health/live').expect(200);
    const ready = await http.get('/health/ready').expect(200);
    expect(JSON.stringify(ready.body)).toContain('kafka');
  });
});
