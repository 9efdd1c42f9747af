import { INestApplication } from '@nestjs/common';
import {
  ApplicationDecidedV1,
  ApplicationReviewedV1,
  ApplicationSubmittedV1,
  ApplicationTopic,
  ApplicationWithdrawnV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import type { MintTokenClaims } from '@civil/platform';
import request from 'supertest';
import { admin, countyOfficer, countyOfficer2, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };
const thirdCadre = { sub: 'cadre-330521101-c', roles: ['township-officer' as const], jurisdiction: '330521101' };
const otherReviewer = { sub: 'cadre-330521102-b', roles: ['township-officer' as const], jurisdiction: '330521102' };
const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
const cityOfficer = { sub: 'officer-3305', roles: ['city-officer' as const], jurisdiction: '3305' };

let seq = 100;
const person = () => ({ name: '周某某', idNumber: idNumber('1970-04-04', seq++) });

describe('relief application rules: input, scope, maker-checker, level, delegation, simplified review', () => {
  const run = isolatedRun('sr-app-rules');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(ApplicationTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  async function submit(body: Record<string, unknown> = {}, by: MintTokenClaims = townshipOfficer): Promise<string> {
    const res = await http()
      .post('/applications')
      .set(bearer(by))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant: person(), ...body })
      .expect(201);
    return res.body.applicationId;
  }
  async function reviewed(
    body: Record<string, unknown> = {},
    by: MintTokenClaims = townshipOfficer,
    rev: MintTokenClaims = reviewer,
  ): Promise<string> {
    const id = await submit(body, by);
    await http().post(`/applications/${id}/acceptance`).set(bearer(rev)).expect(201);
    await http()
      .post(`/applications/${id}/review`)
      .set(bearer(rev))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(201);
    return id;
  }
  const decide = (
    id: string,
    by: MintTokenClaims,
    body: Record<string, unknown> = { decision: 'approved', amountFen: 100_000, supportMode: 'dispersed' },
  ) => http().post(`/applications/${id}/decision`).set(bearer(by)).send(body);

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('refuses bad input with 400 naming each field', async () => {
    const bad = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'castle', divisionCode: '3305', priorReliefFen: -5, expeditedReason: 'vip', applicant: { name: '', idNumber: 42 } })
      .expect(400);
    expect(bad.body.error).toBe('ValidationFailed');
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'applicant.idNumber',
      'applicant.name',
      'divisionCode',
      'expeditedReason',
      'kind',
      'priorReliefFen',
    ]);

    const valid = idNumber('1970-04-04', 7);
    const broken = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const checksum = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'temporary-relief', divisionCode: '330521101', applicant: { name: '吴某', idNumber: broken } })
      .expect(400);
    expect(checksum.body.error).toBe('InvalidIdNumber');
    expect(JSON.stringify(checksum.body)).not.toContain(broken.slice(0, 17));

    const none = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'temporary-relief', divisionCode: '330521101' })
      .expect(400);
    expect(none.body).toMatchObject({ error: 'ApplicantRequired', details: { fields: ['applicantId', 'applicant'] } });
    const household = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'dibao', divisionCode: '330521101', applicant: person() })
      .expect(400);
    expect(household.body).toMatchObject({ error: 'HouseholdRequired', details: { field: 'householdId' } });

    const id = await submit();
    await http().post(`/applications/${id}/acceptance`).set(bearer(reviewer)).expect(201);
    const review = await http().post(`/applications/${id}/review`).set(bearer(reviewer)).send({ outcome: 'maybe' }).expect(400);
    expect(review.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['homeVisit', 'incomeVerified', 'outcome']);
    const checks = await http()
      .post(`/applications/${id}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: false, incomeVerified: true })
      .expect(400);
    expect(checks.body).toMatchObject({ error: 'ReviewChecksMissing', details: { fields: ['homeVisit'] } });
    const reason = await http()
      .post(`/applications/${id}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'ineligible', homeVisit: true, incomeVerified: true })
      .expect(400);
    expect(reason.body).toMatchObject({ error: 'ReasonRequired', details: { field: 'reason' } });
    const decision = await decide(id, countyOfficer, { decision: 'approved', amountFen: 1.5 }).expect(400);
    expect(decision.body.fields[0].field).toBe('amountFen');
    const list = await http().get('/applications?status=lost&overdue=maybe').set(bearer(countyOfficer)).expect(400);
    expect(list.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['overdue', 'status']);
  });

  it('refuses a transition the state forbids with 409 naming the rule', async () => {
    const id = await submit();
    await http().post(`/applications/${id}/acceptance`).set(bearer(reviewer)).expect(201);
    const twice = await http().post(`/applications/${id}/acceptance`).set(bearer(reviewer)).expect(409);
    expect(twice.body).toMatchObject({
      error: 'TransitionNotAllowed',
      details: { rule: 'status-transition', status: 'accepted', to: 'accepted' },
    });
    const early = await decide(id, countyOfficer).expect(409);
    expect(early.body.message).toContain('accepted cannot become approved');
    const withdrawn = await http()
      .post(`/applications/${id}/withdrawal`)
      .set(bearer(townshipOfficer))
      .send({ reason: 'applicant-request' })
      .expect(201);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      withdrawal: { reasonLabel: '申请人主动撤回' },
      step: null,
    });
    await http()
      .post(`/applications/${id}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(409);
    const event = await waitFor('ApplicationWithdrawn on the wire', () =>
      recorder.of(topic, ApplicationWithdrawnV1.type).find((m) => m.key === id),
    );
    expect(event.json).toMatchObject({
      applicationId: id,
      from: 'accepted',
      to: 'withdrawn',
      reason: 'applicant-request',
      priorReliefToFollowUp: false,
      nextStep: null,
      nextDueAt: null,
    });
  });

  it('keeps officers to their township and county: another’s application is unknown to them (404), a division outside theirs is refused (403)', async () => {
    await http()
      .post('/applications')
      .set(bearer(otherTownshipOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant: person() })
      .expect(403);
    const id = await submit();
    const get = await http().get(`/applications/${id}`).set(bearer(otherTownshipOfficer)).expect(404);
    expect(get.body).toEqual({
      statusCode: 404,
      error: 'ApplicationNotFound',
      message: `no application ${id}`,
      details: { applicationId: id },
    });
    await http().post(`/applications/${id}/acceptance`).set(bearer(otherTownshipOfficer)).expect(404);
    await http().post(`/applications/${id}/acceptance`).set(bearer(countyOfficer)).expect(403); // accepting is the township's
    await http().post(`/applications/${id}/acceptance`).set(bearer(reviewer)).expect(201);
    await http()
      .post(`/applications/${id}/review`)
      .set(bearer(otherTownshipOfficer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(404);
    await http()
      .post(`/applications/${id}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(201);
    expect((await decide(id, otherCounty).expect(404)).body.error).toBe('ApplicationNotFound');
    const listed = await http().get('/applications').set(bearer(otherTownshipOfficer)).expect(200);
    expect(listed.body.map((a: { applicationId: string }) => a.applicationId)).not.toContain(id);
    await http().get('/applications?divisionCode=330521101').set(bearer(otherTownshipOfficer)).expect(403);
    await http().post('/applications/overdue-sweeps').set(bearer(countyOfficer)).expect(403);
  });

  it('attaches only an applicant of the officer’s jurisdiction: another’s person id is unknown (404), their ID number is refused (403) without saying where', async () => {
    const elsewhere = person();
    const theirs = await http()
      .post('/applications')
      .set(bearer(otherTownshipOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521102', applicant: elsewhere })
      .expect(201);
    const applicantId = theirs.body.applicantId;
    const before = (await http().get('/applications').set(bearer(townshipOfficer)).expect(200)).body.length;

    const byId = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicantId })
      .expect(404);
    expect(byId.body).toEqual({
      statusCode: 404,
      error: 'PersonNotFound',
      message: `no person ${applicantId}`,
      details: { personId: applicantId },
    });
    const temporary = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'temporary-relief', divisionCode: '330521101', applicantId, requestedAmountFen: 50_000 })
      .expect(404);
    expect(temporary.body.error).toBe('PersonNotFound');
    // the same person given by name and ID number is the same person: still theirs
    const byIdNumber = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant: elsewhere })
      .expect(403);
    expect(byIdNumber.body).toMatchObject({ error: 'OutsideJurisdiction', details: { field: 'applicant.idNumber' } });
    expect(JSON.stringify(byIdNumber.body)).not.toMatch(/330521102|\bp-/);
    for (const res of [byId, temporary, byIdNumber]) expect(JSON.stringify(res.body)).not.toContain(elsewhere.idNumber);
    expect((await http().get('/applications').set(bearer(townshipOfficer)).expect(200)).body).toHaveLength(before);

    // the county covers both townships
    const county = await http()
      .post('/applications')
      .set(bearer(countyOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicantId })
      .expect(201);
    expect(county.body.applicantId).toBe(applicantId);
  });

  it('decides at county level when not delegated: a township or city officer gets 403 WrongLevel', async () => {
    const id = await reviewed();
    const byTownship = await decide(id, thirdCadre).expect(403);
    expect(byTownship.body).toMatchObject({
      error: 'WrongLevel',
      details: { rule: 'approval-level', requiredLevel: 'county', yourLevel: 'township' },
    });
    await decide(id, cityOfficer).expect(403);
    await decide(id, countyOfficer).expect(201);
  });

  it('maker-checker: who entered it cannot decide it (409), another county officer can', async () => {
    const id = await reviewed({}, countyOfficer);
    const self = await decide(id, countyOfficer).expect(409);
    expect(self.body).toMatchObject({ error: 'MakerChecker', details: { rule: 'decider-not-submitter' } });
    expect(self.body.message).toContain('maker-checker');
    const ok = await decide(id, countyOfficer2).expect(201);
    expect(ok.body.decision).toMatchObject({ by: countyOfficer2.sub, level: 'county' });
  });

  it('in a medium/high-risk area: simplified review, flagged throughout, shorter limits', async () => {
    await http()
      .put('/area-risk-levels/330521102')
      .set(bearer(countyOfficer))
      .send({ level: 'medium', reason: '指挥部通告第3号' })
      .expect(200);
    const submitted = await http()
      .post('/applications')
      .set(bearer(otherTownshipOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521102', applicant: person() })
      .expect(201);
    const id = submitted.body.applicationId;
    // accept limit 3 days halved (rounded up) to 2: entered 2 March, due by the end of 4 March (Beijing)
    expect(submitted.body).toMatchObject({
      simplifiedReview: true,
      flagLabels: ['简化审核（中高风险地区）'],
      stepDueAt: '2026-03-04T16:00:00.000Z',
    });
    await http().post(`/applications/${id}/acceptance`).set(bearer(otherReviewer)).expect(201);
    const reviewedRes = await http()
      .post(`/applications/${id}/review`)
      .set(bearer(otherReviewer))
      .send({ outcome: 'eligible', homeVisit: false, incomeVerified: false })
      .expect(201);
    expect(reviewedRes.body.review).toMatchObject({
      checksDone: [],
      checksWaived: ['home-visit', 'income-verification'],
      checksWaivedLabels: ['入户调查', '家庭经济状况核对'],
    });
    expect(reviewedRes.body.stepDueAt).toBe('2026-03-05T16:00:00.000Z'); // decide: 5 days halved to 3, by the end of 5 March
    await decide(id, countyOfficer).expect(201);

    const events = await waitFor('the simplified application’s decision', () => {
      const mine = recorder.of(topic).filter((m) => m.key === id);
      return mine.some((m) => m.headers.ce_type === ApplicationDecidedV1.type) ? mine : undefined;
    });
    expect(events.map((m) => m.json.simplifiedReview)).toEqual([true, true, true, true]);
    expect(events.find((m) => m.headers.ce_type === ApplicationSubmittedV1.type)!.json.nextDueAt).toBe('2026-03-04T16:00:00.000Z');
    expect(events.find((m) => m.headers.ce_type === ApplicationReviewedV1.type)!.headers.ce_region).toBe('330521102');
  });

  it('expedited (a confirmed patient): one day per step', async () => {
    const res = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'temporary-relief', divisionCode: '330521101', applicant: person(), expeditedReason: 'confirmed-patient' })
      .expect(201);
    expect(res.body).toMatchObject({
      expedited: true,
      expeditedReasonLabel: '确诊患者本人',
      flagLabels: ['快速办理'],
      stepDueAt: '2026-03-03T16:00:00.000Z',
    }); // by the end of the next Beijing day
  });

  describe('when the county delegated approval to the township', () => {
    beforeAll(async () => {
      await http()
        .put('/regional-settings/approval-delegated-to-township')
        .set(bearer(countyOfficer))
        .send({ divisionCode: '330521', value: 1 })
        .expect(200);
    });

    it('the township decides, the county gets 403, and the reviewer may not decide (409)', async () => {
      const id = await reviewed();
      expect((await decide(id, countyOfficer).expect(403)).body).toMatchObject({
        error: 'WrongLevel',
        details: { requiredLevel: 'township' },
      });
      expect((await decide(id, reviewer).expect(409)).body).toMatchObject({
        error: 'MakerChecker',
        details: { rule: 'decider-not-reviewer' },
      });
      expect((await decide(id, townshipOfficer).expect(409)).body).toMatchObject({
        error: 'MakerChecker',
        details: { rule: 'decider-not-submitter' },
      });
      expect((await decide(id, otherTownshipOfficer).expect(404)).body.error).toBe('ApplicationNotFound');
      const ok = await decide(id, thirdCadre).expect(201);
      expect(ok.body.decision).toMatchObject({ level: 'township', levelLabel: '乡镇（街道）（县级委托）' });
      const [event] = await waitFor('the township decision', () => {
        const found = recorder.of(topic, ApplicationDecidedV1.type).filter((m) => m.key === id);
        return found.length ? found : undefined;
      });
      expect(event.json).toMatchObject({ decidedAtLevel: 'township', decision: 'approved' });
    });

    it('一事一议 stays with the county', async () => {
      const id = await reviewed({ caseByCase: true, kind: 'temporary-relief' });
      const body = { decision: 'approved', amountFen: 5_000_000, rationale: '家庭遭遇火灾，房屋全损' };
      expect((await decide(id, thirdCadre, body).expect(403)).body).toMatchObject({
        error: 'WrongLevel',
        details: { requiredLevel: 'county' },
      });
      await decide(id, countyOfficer, body).expect(201);
    });
  });

  it('serves the zh-CN labels of statuses, steps, flags and reasons', async () => {
    const res = await http().get('/labels').set(bearer(townshipOfficer)).expect(200);
    expect(res.body).toMatchObject({
      applicationStatus: { submitted: '已申请', disbursed: '已发放', withdrawn: '已撤回' },
      applicationStep: { accept: '受理', review: '审核', decide: '认定', disburse: '发放' },
      applicationKind: { 'temporary-relief': '临时救助' },
      applicationFlag: { priorRelief: '先行救助', caseByCase: '一事一议', simplifiedReview: '简化审核（中高风险地区）' },
      ineligibleReason: { 'income-above-standard': '家庭收入高于认定标准' },
    });
  });

  it('lets the admin run the overdue sweep', async () => {
    const res = await http().post('/applications/overdue-sweeps').set(bearer(admin)).expect(200);
    expect(res.body).toEqual({ found: 0, recorded: 0, enrolled: 0 });
  });
});
