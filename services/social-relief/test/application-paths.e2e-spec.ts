import { INestApplication } from '@nestjs/common';
import {
  ApplicationAcceptedV1,
  ApplicationDecidedV1,
  ApplicationDisbursedV1,
  ApplicationReviewedV1,
  ApplicationSubmittedV1,
  ApplicationTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, countyOfficer2, idNumber, startSocialRelief, townshipOfficer } from './support';

/** A second cadre of the same township: accepts and reviews (the decider must be neither maker nor reviewer). */
const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };

const applicants = {
  normal: { name: '张建国', idNumber: idNumber('1948-03-12', 11) },
  rejected: { name: '李秀英', idNumber: idNumber('1952-07-01', 22) },
  temporary: { name: '王小明', idNumber: idNumber('1985-11-20', 33) },
  prior: { name: '赵桂兰', idNumber: idNumber('1960-01-05', 44) },
  major: { name: '钱伟', idNumber: idNumber('1979-09-09', 55) },
};

describe('relief application paths, each transition on the wire', () => {
  const run = isolatedRun('sr-app-paths');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // Monday 09:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(ApplicationTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const ids: Record<string, string> = {};

  const eventsOf = (applicationId: string) => recorder.of(topic).filter((m) => m.key === applicationId);
  const waitForEvent = (applicationId: string, type: string, count = 1): Promise<RecordedMessage[]> =>
    waitFor(`${count} ${type} for ${applicationId}`, () => {
      const found = eventsOf(applicationId).filter((m) => m.headers.ce_type === type);
      return found.length >= count ? found : undefined;
    });

  async function submit(body: Record<string, unknown>, by = townshipOfficer) {
    const res = await http()
      .post('/applications')
      .set(bearer(by))
      .send({ divisionCode: '330521101', ...body })
      .expect(201);
    return res.body;
  }
  async function acceptAndReview(
    applicationId: string,
    review: Record<string, unknown> = { outcome: 'eligible', homeVisit: true, incomeVerified: true },
  ) {
    await http().post(`/applications/${applicationId}/acceptance`).set(bearer(reviewer)).expect(201);
    return (await http().post(`/applications/${applicationId}/review`).set(bearer(reviewer)).send(review).expect(201)).body;
  }

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('normal path: 申请 → 受理 → 审核 → 认定 → 发放, one event per transition keyed by the application', async () => {
    const submitted = await submit({ kind: 'extreme-poverty', applicant: applicants.normal });
    ids.normal = submitted.applicationId;
    expect(submitted).toMatchObject({
      status: 'submitted',
      statusLabel: '已申请',
      step: 'accept',
      stepLabel: '受理',
      kindLabel: '特困人员供养',
      simplifiedReview: false,
      flags: [],
    });
    expect(JSON.stringify(submitted)).not.toContain(applicants.normal.idNumber);

    clock.set('2026-03-03T02:00:00Z');
    const reviewed = await acceptAndReview(ids.normal);
    expect(reviewed).toMatchObject({
      status: 'reviewed',
      step: 'decide',
      review: { outcome: 'eligible', outcomeLabel: '符合条件', checksDone: ['home-visit', 'income-verification'], checksWaived: [] },
    });

    clock.set('2026-03-04T02:00:00Z');
    const decided = await http()
      .post(`/applications/${ids.normal}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 120_000, supportMode: 'dispersed' })
      .expect(201);
    expect(decided.body).toMatchObject({
      status: 'approved',
      statusLabel: '已认定',
      step: 'disburse',
      decision: { decision: 'approved', level: 'county', levelLabel: '县级民政部门', amountFen: 120_000, by: countyOfficer.sub },
    });

    clock.set('2026-03-05T02:00:00Z');
    const paid = await http().post(`/applications/${ids.normal}/disbursement`).set(bearer(countyOfficer)).expect(201);
    expect(paid.body).toMatchObject({
      status: 'disbursed',
      statusLabel: '已发放',
      step: null,
      stepDueAt: null,
      disbursement: { amountFen: 120_000 },
    });

    const disbursed = await waitForEvent(ids.normal, ApplicationDisbursedV1.type);
    const all = eventsOf(ids.normal);
    expect(all.map((m) => m.headers.ce_type)).toEqual([
      ApplicationSubmittedV1.type,
      ApplicationAcceptedV1.type,
      ApplicationReviewedV1.type,
      ApplicationDecidedV1.type,
      ApplicationDisbursedV1.type,
    ]);
    const ref = {
      applicationId: ids.normal,
      kind: 'extreme-poverty',
      divisionCode: '330521101',
      householdRef: null,
      applicantRef: submitted.applicantId,
      priorRelief: false,
      caseByCase: false,
      simplifiedReview: false,
    };
    expect(all[0].json).toEqual({
      ...ref,
      from: null,
      to: 'submitted',
      at: '2026-03-02T01:00:00.000Z',
      nextStep: 'accept',
      nextDueAt: '2026-03-05T16:00:00.000Z',
    });
    expect(all[1].json).toEqual({
      ...ref,
      from: 'submitted',
      to: 'accepted',
      at: '2026-03-03T02:00:00.000Z',
      nextStep: 'review',
      nextDueAt: '2026-03-13T16:00:00.000Z',
    });
    expect(all[2].json).toEqual({
      ...ref,
      from: 'accepted',
      to: 'reviewed',
      at: '2026-03-03T02:00:00.000Z',
      nextStep: 'decide',
      nextDueAt: '2026-03-08T16:00:00.000Z',
      outcome: 'eligible',
    });
    expect(all[3].json).toEqual({
      ...ref,
      from: 'reviewed',
      to: 'approved',
      at: '2026-03-04T02:00:00.000Z',
      nextStep: 'disburse',
      nextDueAt: '2026-03-14T16:00:00.000Z',
      decision: 'approved',
      decidedAtLevel: 'county',
      amountFen: 120_000,
      priorReliefRejected: false,
    });
    expect(disbursed[0].json).toEqual({
      ...ref,
      from: 'approved',
      to: 'disbursed',
      at: '2026-03-05T02:00:00.000Z',
      nextStep: null,
      nextDueAt: null,
      amountFen: 120_000,
    });
    expect(disbursed[0].headers).toMatchObject({
      ce_type: ApplicationDisbursedV1.type,
      ce_source: ApplicationDisbursedV1.source,
      ce_subject: ids.normal,
      ce_region: '330521101',
      ce_specversion: '1.0',
    });
  });

  it('reject path: an ineligible review and a rejection with its reason', async () => {
    clock.set('2026-03-06T01:00:00Z');
    ids.rejected = (await submit({ kind: 'extreme-poverty', applicant: applicants.rejected })).applicationId;
    const reviewed = await acceptAndReview(ids.rejected, {
      outcome: 'ineligible',
      homeVisit: true,
      incomeVerified: true,
      reason: 'supported-otherwise',
    });
    expect(reviewed.review).toMatchObject({ outcome: 'ineligible', reasonLabel: '已获得其他救助或赡养、抚养' });
    // approval after an ineligible finding is not a normal decision
    const refused = await http()
      .post(`/applications/${ids.rejected}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 100_000 })
      .expect(409);
    expect(refused.body).toMatchObject({ error: 'ReviewFoundIneligible' });
    const rejected = await http()
      .post(`/applications/${ids.rejected}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'rejected' })
      .expect(201);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      statusLabel: '不予认定',
      step: null,
      decision: { decision: 'rejected', decisionLabel: '不予认定', reason: 'supported-otherwise', amountFen: 0 },
      followUp: null,
    });
    // a finished application moves no further
    const again = await http().post(`/applications/${ids.rejected}/disbursement`).set(bearer(countyOfficer)).expect(409);
    expect(again.body).toMatchObject({ error: 'TransitionNotAllowed' });
    expect(again.body.message).toContain('rejected cannot become disbursed');

    const [decided] = await waitForEvent(ids.rejected, ApplicationDecidedV1.type);
    expect(decided.json).toMatchObject({
      from: 'reviewed',
      to: 'rejected',
      decision: 'rejected',
      amountFen: 0,
      priorReliefRejected: false,
      nextStep: null,
      nextDueAt: null,
    });
    const [reviewedEvent] = await waitForEvent(ids.rejected, ApplicationReviewedV1.type);
    expect(reviewedEvent.json.outcome).toBe('ineligible');
  });

  it('临时救助: its own short step limit and a one-off amount', async () => {
    clock.set('2026-03-07T01:00:00Z');
    await http()
      .put('/regional-settings/temporary-relief-limit-days')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', value: 2 })
      .expect(200);
    const submitted = await submit({ kind: 'temporary-relief', applicant: applicants.temporary, requestedAmountFen: 200_000 });
    ids.temporary = submitted.applicationId;
    // entered 7 March (Beijing), 2 days: due by the end of 9 March
    expect(submitted).toMatchObject({ kindLabel: '临时救助', stepDueAt: '2026-03-09T16:00:00.000Z', householdId: null });
    const reviewed = await acceptAndReview(ids.temporary);
    expect(reviewed.stepDueAt).toBe('2026-03-09T16:00:00.000Z');
    await http()
      .post(`/applications/${ids.temporary}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 200_000 })
      .expect(201);
    await http().post(`/applications/${ids.temporary}/disbursement`).set(bearer(countyOfficer)).expect(201);

    const [submittedEvent] = await waitForEvent(ids.temporary, ApplicationSubmittedV1.type);
    expect(submittedEvent.json).toMatchObject({
      kind: 'temporary-relief',
      householdRef: null,
      nextStep: 'accept',
      nextDueAt: '2026-03-09T16:00:00.000Z',
    });
    const [paid] = await waitForEvent(ids.temporary, ApplicationDisbursedV1.type);
    expect(paid.json).toMatchObject({ amountFen: 200_000, to: 'disbursed' });
  });

  it('先行救助: paid at once, rejected on review later: priorReliefRejected on the wire and a follow-up to record', async () => {
    clock.set('2026-03-08T01:00:00Z');
    const submitted = await submit({ kind: 'temporary-relief', applicant: applicants.prior, priorReliefFen: 50_000 });
    ids.prior = submitted.applicationId;
    expect(submitted).toMatchObject({
      status: 'submitted',
      priorRelief: true,
      priorPayment: { amountFen: 50_000, by: townshipOfficer.sub },
      flagLabels: ['先行救助'],
    });
    expect(submitted.history.map((h: { toLabel: string }) => h.toLabel)).toEqual(['已申请', '先行救助已发放']);

    const [first, paidFirst] = await waitForEvent(ids.prior, ApplicationDisbursedV1.type).then(() => eventsOf(ids.prior));
    expect(first.headers.ce_type).toBe(ApplicationSubmittedV1.type);
    expect(paidFirst.headers.ce_type).toBe(ApplicationDisbursedV1.type);
    expect(paidFirst.json).toMatchObject({ priorRelief: true, from: 'submitted', to: 'submitted', amountFen: 50_000, nextStep: 'accept' });

    await acceptAndReview(ids.prior, { outcome: 'ineligible', homeVisit: true, incomeVerified: true, reason: 'false-information' });
    clock.set('2026-03-09T01:00:00Z');
    const rejected = await http()
      .post(`/applications/${ids.prior}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'rejected' })
      .expect(201);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { priorReliefRejected: true },
      followUp: { reason: 'prior-relief-rejected', amountFen: 50_000, resolution: null, resolutionLabel: '待追回或核销' },
    });
    expect(rejected.body.flags).toEqual(['priorRelief', 'priorReliefRejected']);

    const [decided] = await waitForEvent(ids.prior, ApplicationDecidedV1.type);
    expect(decided.json).toMatchObject({ priorRelief: true, decision: 'rejected', priorReliefRejected: true, amountFen: 0 });

    const resolved = await http()
      .post(`/applications/${ids.prior}/follow-up`)
      .set(bearer(countyOfficer))
      .send({ resolution: 'recovered', note: '已全额退回' })
      .expect(200);
    expect(resolved.body.followUp).toMatchObject({
      resolution: 'recovered',
      resolutionLabel: '已追回',
      resolvedBy: countyOfficer.sub,
      note: '已全额退回',
    });
    await http().post(`/applications/${ids.prior}/follow-up`).set(bearer(countyOfficer)).send({ resolution: 'written-off' }).expect(409);
  });

  it('一事一议: above the normal amount only with a recorded rationale, at county level', async () => {
    clock.set('2026-03-10T01:00:00Z');
    ids.major = (await submit({ kind: 'temporary-relief', applicant: applicants.major, caseByCase: true })).applicationId;
    await acceptAndReview(ids.major);
    // the normal one-off maximum for one person is 6 × 1050 yuan
    const noRationale = await http()
      .post(`/applications/${ids.major}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 2_000_000 })
      .expect(400);
    expect(noRationale.body).toMatchObject({ error: 'RationaleRequired', details: { field: 'rationale' } });
    const decided = await http()
      .post(`/applications/${ids.major}/decision`)
      .set(bearer(countyOfficer2))
      .send({ decision: 'approved', amountFen: 2_000_000, caseByCase: true, rationale: '突发重大疾病，医疗支出远超家庭承受能力' })
      .expect(201);
    expect(decided.body).toMatchObject({
      caseByCase: true,
      flagLabels: ['一事一议'],
      decision: { caseByCase: true, rationale: '突发重大疾病，医疗支出远超家庭承受能力', amountFen: 2_000_000, level: 'county' },
    });
    const [event] = await waitForEvent(ids.major, ApplicationDecidedV1.type);
    expect(event.json).toMatchObject({ caseByCase: true, decision: 'approved', amountFen: 2_000_000, decidedAtLevel: 'county' });
    expect(event.value).not.toContain('突发重大疾病'); // the rationale stays in the record
  });

  it('a normal decision above the normal amount is refused, naming the field', async () => {
    clock.set('2026-03-11T01:00:00Z');
    const id = (await submit({ kind: 'temporary-relief', applicant: { name: '孙丽', idNumber: idNumber('1990-02-02', 66) } }))
      .applicationId;
    await acceptAndReview(id);
    const res = await http()
      .post(`/applications/${id}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 630_001 })
      .expect(400);
    expect(res.body).toMatchObject({ error: 'AboveNormalAmount', details: { field: 'amountFen', normalMaxFen: 630_000 } });
    await http()
      .post(`/applications/${id}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 630_000 })
      .expect(201);
  });

  it('lists by status and kind with labels, and shows the applicant only masked', async () => {
    const disbursed = await http().get('/applications?status=disbursed').set(bearer(countyOfficer)).expect(200);
    expect(disbursed.body.map((a: { applicationId: string }) => a.applicationId).sort()).toEqual([ids.normal, ids.temporary].sort());
    const temporary = await http().get('/applications?kind=temporary-relief&status=rejected').set(bearer(townshipOfficer)).expect(200);
    expect(temporary.body.map((a: { applicationId: string }) => a.applicationId)).toEqual([ids.prior]);
    const one = await http().get(`/applications/${ids.normal}`).set(bearer(townshipOfficer)).expect(200);
    expect(one.body.applicant).toMatchObject({ personId: one.body.applicantId, idNumber: expect.stringMatching(/^3305\*+\d{3}[\dX]$/) });
    expect(one.body.applicant.name).not.toBe(applicants.normal.name);
    expect(JSON.stringify(one.body)).not.toContain(applicants.normal.idNumber);
  });

  it('puts no ID number or name in any event value or header', async () => {
    await waitForEvent(ids.major, ApplicationDecidedV1.type);
    const messages = recorder.of(topic);
    expect(messages.length).toBeGreaterThanOrEqual(25);
    for (const m of messages) {
      const wire = `${m.key} ${m.value} ${JSON.stringify(m.headers)}`;
      for (const person of Object.values(applicants)) {
        expect(wire).not.toContain(person.idNumber);
        expect(wire).not.toContain(person.idNumber.slice(0, 17));
        expect(wire).not.toContain(person.name);
      }
    }
  });
});
