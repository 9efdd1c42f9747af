import { INestApplication } from '@nestjs/common';
import { InspectionCompletedV1, InspectionScheduledV1, InspectionStartedV1, InspectionTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { everythingOnKeyRead, institutionRegisteredRecord, MARKER_TYPE, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const township = { sub: 'o-town', roles: ['township-officer' as const], jurisdiction: '330521101' };
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };
const staffOf = (unitId: string) => ({ sub: `s-${unitId}`, roles: ['unit-staff' as const], jurisdiction: '330521101', unitId });

describe('inspections: an unannounced (四不两直) visit stays hidden from the unit until the team starts it', () => {
  const run = isolatedRun('sv-insp-hidden');
  const clock = new SettableClock('2026-03-04T02:00:00Z');
  const up = upstream(run);
  const topic = up.names.physical(InspectionTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let hiddenId: string;
  let hiddenPlanId: string;
  let announcedId: string;

  const eventsOf = (inspectionId: string) => recorder.of(topic).filter((m) => m.key === inspectionId && m.headers.ce_type !== MARKER_TYPE);
  const staff = staffOf('u-hid');

  /** Everything a unit's user could ask: list, get, plan list, plan, coverage (default and by division). */
  async function whatStaffSees(who = staff) {
    const list = (await http.get('/inspections').set(bearer(who)).expect(200)).body.map((i: { inspectionId: string }) => i.inspectionId);
    const get = (await http.get(`/inspections/${hiddenId}`).set(bearer(who))).status;
    const plans = (await http.get('/inspection-plans').set(bearer(who)).expect(200)).body.map((p: { planId: string }) => p.planId);
    const plan = (await http.get(`/inspection-plans/${hiddenPlanId}`).set(bearer(who))).status;
    const coverage = (await http.get('/inspections/coverage').set(bearer(who)).expect(200)).body;
    const byDivision = (
      await http
        .get('/inspections/coverage')
        .query({ divisionCode: '330521101', unitType: 'elderly-care-home' })
        .set(bearer(who))
        .expect(200)
    ).body;
    return { list, get, plans, plan, coverage, byDivision };
  }

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await up.publisher.publish([
      institutionRegisteredRecord('u-hid'),
      institutionRegisteredRecord('u-ann'),
      institutionRegisteredRecord('u-other', '330521102'),
    ]);
    await waitFor('the unit copy', async () =>
      (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body.unitsTotal === 3 ? true : undefined,
    );
    const team = (
      await http
        .post('/inspection-teams')
        .set(bearer(county))
        .send({
          name: '德清县养老机构疫情防控第一督查组',
          divisionCode: '330521',
          leader: { title: '县民政局副局长', rank: 'section' },
          memberTitles: ['养老服务科科长', '县疾控中心消杀专员'],
        })
        .expect(201)
    ).body;
    expect(team.leader.rankLabel).toBe('科级');
    const hidden = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '第 3 轮四不两直督查',
          round: 3,
          mode: 'unannounced',
          teamId: team.teamId,
          periodStart: '2026-03-04',
          periodEnd: '2026-03-10',
          units: [{ unitId: 'u-hid', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    hiddenPlanId = hidden.planId;
    hiddenId = hidden.units[0].inspectionId;
    const announced = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '第 3 轮明察',
          round: 3,
          mode: 'announced',
          teamId: team.teamId,
          periodStart: '2026-03-04',
          periodEnd: '2026-03-10',
          units: [{ unitId: 'u-ann', scheduledDate: '2026-03-06' }],
        })
        .expect(201)
    ).body;
    announcedId = announced.units[0].inspectionId;
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('publishes an announced visit when scheduled, an unannounced one not at all', async () => {
    const [scheduled] = await recorder.waitForCount(topic, 1, InspectionScheduledV1.type);
    expect(scheduled.key).toBe(announcedId);
    expect(scheduled.json).toMatchObject({ mode: 'announced', unitId: 'u-ann', scheduledDate: '2026-03-06', trigger: null });
    await everythingOnKeyRead(app, up, recorder, InspectionTopic.name, hiddenId);
    expect(eventsOf(hiddenId)).toHaveLength(0);
  });

  it('hides the scheduled visit from its unit by every route (404, never 403)', async () => {
    const seen = await whatStaffSees();
    expect(seen.list).toEqual([]);
    expect(seen.get).toBe(404);
    expect(seen.plans).not.toContain(hiddenPlanId);
    expect(seen.plan).toBe(404);
    for (const c of [seen.coverage, seen.byDivision]) {
      expect(c.inspectionsByStatus).toEqual({ scheduled: 0, 'in-progress': 0, completed: 0 });
      expect(c.inspectionsByMode.unannounced).toBe(0);
      expect(c.rounds).toBe(0);
      expect(c.byUnitType.every((t: { inspections: number }) => t.inspections === 0)).toBe(true);
    }
    // nor from staff of another unit, nor can the unit start it
    const other = await whatStaffSees(staffOf('u-ann'));
    expect(other.list).toEqual([announcedId]);
    expect(other.get).toBe(404);
    expect(other.plan).toBe(404);
    await http.post(`/inspections/${hiddenId}/start`).set(bearer(staff)).send({}).expect(404);
  });

  it('shows it to officers above the unit', async () => {
    for (const who of [county, township, inspector]) {
      const list = (await http.get('/inspections').set(bearer(who)).expect(200)).body.map((i: { inspectionId: string }) => i.inspectionId);
      expect(list).toContain(hiddenId);
      const one = (await http.get(`/inspections/${hiddenId}`).set(bearer(who)).expect(200)).body;
      expect(one).toMatchObject({ mode: 'unannounced', modeLabel: '四不两直', status: 'scheduled' });
    }
    const plan = (await http.get(`/inspection-plans/${hiddenPlanId}`).set(bearer(county)).expect(200)).body;
    expect(plan.units).toEqual([expect.objectContaining({ unitId: 'u-hid', inspectionId: hiddenId, status: 'scheduled' })]);
    const coverage = (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body;
    expect(coverage).toMatchObject({ unitsTotal: 3, unitsInspected: 0, rounds: 2, teams: 1, inspectionsByStatus: { scheduled: 2 } });
    expect(coverage.byDivision.map((d: { divisionCode: string }) => d.divisionCode)).toEqual(['330521101', '330521102']);
    // to an officer of another county it does not exist either
    await http
      .get(`/inspections/${hiddenId}`)
      .set(bearer({ sub: 'o-far', roles: ['county-officer'], jurisdiction: '330681' }))
      .expect(404);
  });

  it('once started by the team, publishes InspectionScheduled then InspectionStarted and shows it to the unit everywhere', async () => {
    const started = (await http.post(`/inspections/${hiddenId}/start`).set(bearer(inspector)).send({}).expect(200)).body;
    expect(started).toMatchObject({ status: 'in-progress', startedBy: 'insp-1' });
    expect(started.checklist.items.map((i: { code: string }) => i.code)).toContain('closed-management');
    const events = await waitFor('both events of the hidden visit', () =>
      eventsOf(hiddenId).length >= 2 ? eventsOf(hiddenId) : undefined,
    );
    expect(events.map((m) => m.headers.ce_type)).toEqual([InspectionScheduledV1.type, InspectionStartedV1.type]);
    expect(events[0].json).toMatchObject({
      inspectionId: hiddenId,
      mode: 'unannounced',
      planId: hiddenPlanId,
      scheduledDate: '2026-03-05',
      trigger: null,
    });
    expect(events[1].json).toMatchObject({ inspectionId: hiddenId, startedAt: '2026-03-04T02:00:00.000Z' });

    const seen = await whatStaffSees();
    expect(seen.list).toEqual([hiddenId]);
    expect(seen.get).toBe(200);
    expect(seen.plans).toContain(hiddenPlanId);
    expect(seen.plan).toBe(200);
    for (const c of [seen.coverage, seen.byDivision]) {
      expect(c.inspectionsByStatus).toEqual({ scheduled: 0, 'in-progress': 1, completed: 0 });
      expect(c.rounds).toBe(1);
      expect(c.unitsTotal).toBe(1);
    }
    // the unit follows it but does not record a team's inspection
    await http.post(`/inspections/${hiddenId}/complete`).set(bearer(staff)).send({}).expect(403);
    // starting twice is a conflict, not a second event: the completion comes next on the same key
    await http.post(`/inspections/${hiddenId}/start`).set(bearer(inspector)).send({}).expect(409);
    await http.post(`/inspections/${hiddenId}/complete`).set(bearer(inspector)).send({}).expect(200);
    await waitFor('the completion on the wire', () => eventsOf(hiddenId).find((m) => m.headers.ce_type === InspectionCompletedV1.type));
    expect(eventsOf(hiddenId).map((m) => m.headers.ce_type)).toEqual([
      InspectionScheduledV1.type,
      InspectionStartedV1.type,
      InspectionCompletedV1.type,
    ]);
  });

  it('leaves a hidden visit out of the unit’s pages and counts, whatever the limit and skip', async () => {
    const pg = staffOf('u-pg');
    await up.publisher.publish([institutionRegisteredRecord('u-pg')]);
    await waitFor('the unit copy of u-pg', async () =>
      (await http.get('/inspections/coverage').set(bearer(pg)).expect(200)).body.unitsTotal === 1 ? true : undefined,
    );
    const team = (await http.get('/inspection-plans').set(bearer(county)).expect(200)).body[0].teamId;
    const round = (mode: string, scheduledDate: string) =>
      http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: `第 4 轮${mode}`,
          round: 4,
          mode,
          teamId: team,
          periodStart: '2026-03-04',
          periodEnd: '2026-03-31',
          units: [{ unitId: 'u-pg', scheduledDate }],
        })
        .expect(201);
    // the covert visit is the later one, so it would sort first
    const covert = (await round('covert', '2026-03-20')).body;
    const announced = (await round('announced', '2026-03-12')).body;
    const visibleId = announced.units[0].inspectionId;
    const page = async (limit: number, skip: number) =>
      (await http.get('/inspections').query({ limit, skip }).set(bearer(pg)).expect(200)).body.map(
        (i: { inspectionId: string }) => i.inspectionId,
      );
    expect(await page(1, 0)).toEqual([visibleId]);
    expect(await page(1, 1)).toEqual([]);
    expect(await page(100, 0)).toEqual([visibleId]);
    expect((await http.get('/inspections').query({ mode: 'covert' }).set(bearer(pg)).expect(200)).body).toEqual([]);
    const plans = (await http.get('/inspection-plans').set(bearer(pg)).expect(200)).body.map((p: { planId: string }) => p.planId);
    expect(plans).toEqual([announced.planId]);
    await http.get(`/inspection-plans/${covert.planId}`).set(bearer(pg)).expect(404);
    const coverage = (await http.get('/inspections/coverage').set(bearer(pg)).expect(200)).body;
    expect(coverage).toMatchObject({
      unitsTotal: 1,
      rounds: 1,
      teams: 1,
      inspectionsByStatus: { scheduled: 1, 'in-progress': 0, completed: 0 },
      inspectionsByMode: { covert: 0, announced: 1 },
    });
    // the county sees both
    expect(
      (await http.get('/inspections').query({ limit: 1, skip: 0, mode: 'covert' }).set(bearer(county)).expect(200)).body.map(
        (i: { unitId: string }) => i.unitId,
      ),
    ).toEqual(['u-pg']);
  });
});
