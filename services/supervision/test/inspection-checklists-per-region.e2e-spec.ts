import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, waitFor } from '@civil/testing';
import request from 'supertest';
import { institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const neighbour = { sub: 'o-county-2', roles: ['county-officer' as const], jurisdiction: '330522' };
const city = { sub: 'o-city', roles: ['city-officer' as const], jurisdiction: '3305' };
const township = { sub: 'o-town', roles: ['township-officer' as const], jurisdiction: '330521101' };

const ownItems = [
  { code: 'closed-management', text: '落实封闭管理，县定：探视一律暂停' },
  { code: 'ppe-stock', text: '防护物资储备不少于 14 天用量（县定）' },
];
const revisedItems = [...ownItems, { code: 'night-patrol', text: '夜间值守巡查记录完整（县定）' }];

describe('inspections: checklist templates are set per region, and an inspection takes the one where its unit is', () => {
  const run = isolatedRun('sv-insp-checklists');
  const clock = new SettableClock('2026-03-05T02:00:00Z');
  const up = upstream(run);
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let teamId: string;

  const fieldsOf = (body: { fields?: { field: string }[]; details?: { field: string } }) =>
    body.fields?.map((f) => f.field) ?? [body.details?.field];
  const codes = (items: { code: string }[]) => items.map((i) => i.code);

  /** Plans one announced visit of a unit and starts it; returns the started inspection. */
  async function startVisitOf(unitId: string) {
    const plan = (
      await http
        .post('/inspection-plans')
        .set(bearer(city))
        .send({
          title: `明察 ${unitId}`,
          mode: 'announced',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId, scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    return (await http.post(`/inspections/${plan.units[0].inspectionId}/start`).set(bearer(city)).send({}).expect(200)).body;
  }

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    await up.publisher.publish([
      institutionRegisteredRecord('u-here', '330521101'),
      institutionRegisteredRecord('u-there', '330522101'),
      institutionRegisteredRecord('u-later', '330521101'),
    ]);
    await waitFor('the unit copy', async () =>
      (await http.get('/inspections/coverage').set(bearer(city)).expect(200)).body.unitsTotal === 3 ? true : undefined,
    );
    teamId = (
      await http
        .post('/inspection-teams')
        .set(bearer(city))
        .send({ name: '市第一督查组', divisionCode: '3305', leader: { title: '市民政局副局长', rank: 'division' } })
        .expect(201)
    ).body.teamId;
  });

  afterAll(async () => {
    await up.publisher.disconnect();
    await app.close();
  });

  it('refuses bad items with 400 naming the field, and setters outside their reach with 403', async () => {
    for (const [body, field] of [
      [{ divisionCode: '330521', items: [{ code: 'Bad Code', text: 'x' }] }, 'items.0.code'],
      [{ divisionCode: '330521', items: [] }, 'items'],
      [{ divisionCode: '3305211', items: ownItems }, 'divisionCode'],
    ] as const) {
      const res = await http.put('/checklist-templates/elderly-care-home').set(bearer(county)).send(body);
      expect([field, res.status, fieldsOf(res.body)]).toEqual([field, 400, [field]]);
    }
    await http
      .put('/checklist-templates/elderly-care-home')
      .set(bearer(township))
      .send({ divisionCode: '330521101', items: ownItems })
      .expect(403);
    await http
      .put('/checklist-templates/elderly-care-home')
      .set(bearer(neighbour))
      .send({ divisionCode: '330521', items: ownItems })
      .expect(403);
    await http.put('/checklist-templates/elderly-care-home').set(bearer(county)).send({ items: ownItems }).expect(403); // every region's: the national level
    await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '33x' }).set(bearer(county)).expect(400);
    // nothing was stored by any refused request
    expect(
      (await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '330521101' }).set(bearer(county)).expect(200)).body,
    ).toMatchObject({ source: 'default', divisionCode: null, version: 0 });
  });

  it('a county sets its own template: its units’ inspections take it, the neighbour county’s keep the default', async () => {
    const set = (
      await http
        .put('/checklist-templates/elderly-care-home')
        .set(bearer(county))
        .send({ divisionCode: '330521', items: ownItems })
        .expect(200)
    ).body;
    expect(set).toMatchObject({
      templateId: 'elderly-care-home@330521',
      divisionCode: '330521',
      source: '330521',
      version: 1,
      setBy: 'o-county',
    });

    const here = (
      await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '330521101' }).set(bearer(township)).expect(200)
    ).body;
    expect(here).toMatchObject({ templateId: 'elderly-care-home@330521', source: '330521', version: 1 });
    expect(codes(here.items)).toEqual(codes(ownItems));
    const there = (
      await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '330522101' }).set(bearer(neighbour)).expect(200)
    ).body;
    expect(there).toMatchObject({ templateId: 'elderly-care-home', source: 'default', divisionCode: null, version: 0 });

    const started = await startVisitOf('u-here');
    expect(started.checklist).toMatchObject({ templateId: 'elderly-care-home@330521', version: 1 });
    expect(codes(started.checklist.items)).toEqual(codes(ownItems));
    const elsewhere = await startVisitOf('u-there');
    expect(elsewhere.checklist).toMatchObject({ templateId: 'elderly-care-home', version: 0 });
    expect(codes(elsewhere.checklist.items)).toContain('isolation-rooms');
    expect(codes(elsewhere.checklist.items)).not.toContain('night-patrol');

    // the county's own template is listed for it, beside every region's default; the neighbour sees only the default
    const listed = (await http.get('/checklist-templates').set(bearer(county)).expect(200)).body.filter(
      (t: { unitType: string }) => t.unitType === 'elderly-care-home',
    );
    expect(listed.map((t: { source: string }) => t.source)).toEqual(['default', '330521']);
    const neighbourList = (await http.get('/checklist-templates').set(bearer(neighbour)).expect(200)).body.filter(
      (t: { unitType: string }) => t.unitType === 'elderly-care-home',
    );
    expect(neighbourList.map((t: { source: string }) => t.source)).toEqual(['default']);
  });

  it('a second version is added to the history; inspections already started keep the version they took', async () => {
    clock.set(new Date('2026-03-05T03:00:00Z'));
    await http
      .put('/checklist-templates/elderly-care-home')
      .set(bearer(county))
      .send({ divisionCode: '330521', items: revisedItems })
      .expect(200);
    const t = (await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '330521' }).set(bearer(county)).expect(200))
      .body;
    expect(t).toMatchObject({ source: '330521', version: 2 });
    expect(t.versions.map((v: { version: number; items: { code: string }[] }) => [v.version, codes(v.items)])).toEqual([
      [1, codes(ownItems)],
      [2, codes(revisedItems)],
    ]);

    const later = await startVisitOf('u-later');
    expect(later.checklist).toMatchObject({ templateId: 'elderly-care-home@330521', version: 2 });
    const earlier = (await http.get('/inspections').set(bearer(county)).expect(200)).body.find(
      (i: { unitId: string }) => i.unitId === 'u-here',
    );
    expect(earlier.checklist).toMatchObject({ templateId: 'elderly-care-home@330521', version: 1 });
    expect(codes(earlier.checklist.items)).toEqual(codes(ownItems));
  });

  it('a region’s own template outranks one later set for every region', async () => {
    const province = { sub: 'o-prov', roles: ['province-officer' as const], jurisdiction: '33' };
    await http
      .put('/checklist-templates/elderly-care-home')
      .set(bearer(province))
      .send({ items: [{ code: 'daily-reporting', text: '按时报送日报' }] })
      .expect(403);
    const national = { sub: 'o-national', roles: ['national-admin' as const], jurisdiction: '11' };
    const everywhere = (
      await http
        .put('/checklist-templates/elderly-care-home')
        .set(bearer(national))
        .send({ items: [{ code: 'daily-reporting', text: '按时报送日报（全国）' }] })
        .expect(200)
    ).body;
    expect(everywhere).toMatchObject({ templateId: 'elderly-care-home', divisionCode: '', source: 'all-regions', version: 1 });
    expect(
      (await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '330522101' }).set(bearer(neighbour)).expect(200))
        .body,
    ).toMatchObject({ source: 'all-regions', version: 1 });
    expect(
      (await http.get('/checklist-templates/elderly-care-home').query({ divisionCode: '330521101' }).set(bearer(county)).expect(200)).body,
    ).toMatchObject({ source: '330521', version: 2 });
  });
});
