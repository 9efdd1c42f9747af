import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, waitFor } from '@civil/testing';
import request from 'supertest';
import { institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };
const staff = { sub: 's-t1', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-t1' };

describe('inspections: the team that starts a visit, the days of a round and the period of coverage are checked', () => {
  const run = isolatedRun('sv-insp-checks');
  const clock = new SettableClock('2026-03-05T02:00:00Z'); // 10:00 on 2026-03-05 in Beijing
  const up = upstream(run);
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let countyTeam: string;
  let otherTownTeam: string;

  const fieldsOf = (body: { fields?: { field: string }[]; details?: { field: string } }) =>
    body.fields?.map((f) => f.field) ?? [body.details?.field];
  const round = (units: { unitId: string; scheduledDate: string }[], periodStart: string, periodEnd: string, extra: object = {}) =>
    http
      .post('/inspection-plans')
      .set(bearer(county))
      .send({ title: `${periodStart} 明察`, mode: 'announced', teamId: countyTeam, periodStart, periodEnd, units, ...extra });
  const coverage = async (query: object = {}) =>
    (await http.get('/inspections/coverage').query(query).set(bearer(county)).expect(200)).body;

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    await up.publisher.publish(['u-t1', 'u-t2', 'u-t3'].map((u) => institutionRegisteredRecord(u)));
    await waitFor('the unit copy', async () => ((await coverage()).unitsTotal === 3 ? true : undefined));
    const team = (divisionCode: string) => ({
      name: `${divisionCode} 督查组`,
      divisionCode,
      leader: { title: '民政局副局长', rank: 'section' },
      memberCount: 3,
    });
    countyTeam = (await http.post('/inspection-teams').set(bearer(county)).send(team('330521')).expect(201)).body.teamId;
    otherTownTeam = (await http.post('/inspection-teams').set(bearer(county)).send(team('330521102')).expect(201)).body.teamId;
  });

  afterAll(async () => {
    await up.publisher.disconnect();
    await app.close();
  });

  it('starts a visit only with a team that exists and covers the unit; a self-inspection takes none', async () => {
    const visit = (await round([{ unitId: 'u-t1', scheduledDate: '2026-03-05' }], '2026-03-01', '2026-03-31').expect(201)).body.units[0]
      .inspectionId;
    for (const teamId of ['it-no-such-team', otherTownTeam]) {
      const res = await http.post(`/inspections/${visit}/start`).set(bearer(inspector)).send({ teamId }).expect(400);
      expect([teamId, fieldsOf(res.body)]).toEqual([teamId, ['teamId']]);
    }
    expect((await http.get(`/inspections/${visit}`).set(bearer(county)).expect(200)).body.status).toBe('scheduled');

    const self = (
      await http
        .post('/inspection-plans')
        .set(bearer(staff))
        .send({
          title: '3 月自查自纠',
          mode: 'self-inspection',
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-t1', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body.units[0].inspectionId;
    for (const who of [staff, county]) {
      const res = await http.post(`/inspections/${self}/start`).set(bearer(who)).send({ teamId: countyTeam }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['teamId']);
    }
    expect((await http.post(`/inspections/${self}/start`).set(bearer(staff)).send({}).expect(200)).body.teamId).toBeNull();

    const started = (await http.post(`/inspections/${visit}/start`).set(bearer(inspector)).send({ teamId: countyTeam }).expect(200)).body;
    expect(started).toMatchObject({ status: 'in-progress', teamId: countyTeam });
    await http.post(`/inspections/${visit}/complete`).set(bearer(inspector)).send({}).expect(200);
  });

  it('refuses days that do not exist and periods that end before they start, naming the field', async () => {
    const cases: [string, object, string][] = [
      ['periodStart', { periodStart: '2026-02-30' }, 'periodStart'],
      ['periodEnd (2026 is no leap year)', { periodEnd: '2026-02-29' }, 'periodEnd'],
      ['scheduledDate', { units: [{ unitId: 'u-t2', scheduledDate: '2026-04-31' }] }, 'units.0.scheduledDate'],
      [
        'a period ending before it starts',
        { periodStart: '2026-04-10', periodEnd: '2026-04-09', units: [{ unitId: 'u-t2', scheduledDate: '2026-04-10' }] },
        'periodEnd',
      ],
    ];
    for (const [what, change, field] of cases) {
      const res = await round([{ unitId: 'u-t2', scheduledDate: '2026-02-20' }], '2026-02-01', '2026-02-28', change);
      expect([what, res.status, fieldsOf(res.body)]).toEqual([what, 400, [field]]);
    }
  });

  it('gives coverage for a period: completed visits by their day of completion in Beijing, others by their scheduled day', async () => {
    // u-t1 was inspected on 2026-03-05; u-t3's visit of 03-31 is completed at 00:30 on 04-01 in Beijing (still 03-31 in UTC)
    const march = (await round([{ unitId: 'u-t3', scheduledDate: '2026-03-31' }], '2026-03-30', '2026-03-31').expect(201)).body.units[0]
      .inspectionId;
    clock.set('2026-03-31T16:30:00Z');
    await http.post(`/inspections/${march}/start`).set(bearer(inspector)).send({}).expect(200);
    await http.post(`/inspections/${march}/complete`).set(bearer(inspector)).send({}).expect(200);
    await round([{ unitId: 'u-t2', scheduledDate: '2026-04-10' }], '2026-04-01', '2026-04-30').expect(201);

    const all = await coverage();
    expect(all).toMatchObject({
      from: null,
      to: null,
      unitsTotal: 3,
      unitsInspected: 2,
      inspectionsByStatus: { scheduled: 1, 'in-progress': 1, completed: 2 },
    });
    const inMarch = await coverage({ from: '2026-03-01', to: '2026-03-31' });
    // u-t1's visit (completed 03-05) and its self-inspection (scheduled 03-05, still in progress) fall in March; u-t3's completion does not
    expect(inMarch).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      unitsTotal: 3,
      unitsInspected: 1,
      coverageRate: 0.333,
      inspectionsByStatus: { scheduled: 0, 'in-progress': 1, completed: 1 },
    });
    const inApril = await coverage({ from: '2026-04-01', to: '2026-04-30' });
    expect(inApril).toMatchObject({ unitsInspected: 1, inspectionsByStatus: { scheduled: 1, 'in-progress': 0, completed: 1 } });
    expect((await coverage({ from: '2026-04-01' })).inspectionsByStatus).toEqual(inApril.inspectionsByStatus);
    expect((await coverage({ to: '2026-03-31' })).inspectionsByStatus).toEqual(inMarch.inspectionsByStatus);
    expect(await coverage({ from: '2026-03-31', to: '2026-03-31' })).toMatchObject({
      unitsInspected: 0,
      inspectionsByStatus: { completed: 0 },
    });
    expect(await coverage({ from: '2026-04-01', to: '2026-04-01' })).toMatchObject({
      unitsInspected: 1,
      inspectionsByStatus: { completed: 1, scheduled: 0 },
    });

    for (const [query, field] of [
      [{ from: '2026-02-30' }, 'from'],
      [{ to: '2026-3-1' }, 'to'],
      [{ from: '2026-04-02', to: '2026-04-01' }, 'to'],
    ] as const) {
      const res = await http.get('/inspections/coverage').query(query).set(bearer(county)).expect(400);
      expect(fieldsOf(res.body)).toEqual([field]);
    }
  });
});
