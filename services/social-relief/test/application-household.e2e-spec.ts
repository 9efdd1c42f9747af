import { INestApplication } from '@nestjs/common';
import { ApplicationDecidedV1, ApplicationDisbursedV1, ApplicationSubmittedV1, ApplicationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };
const head = { name: '刘大山', idNumber: idNumber('1958-08-08', 301), relation: 'head', canWork: false };
const spouse = { name: '何翠花', idNumber: idNumber('1960-10-10', 302), relation: 'spouse', canWork: false };
const outsider = { name: '邓路人', idNumber: idNumber('1975-05-05', 303) };

describe('household applications: approval puts the household on the register', () => {
  const run = isolatedRun('sr-app-household');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(ApplicationTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  let householdId: string;
  let headId: string;
  let spouseId: string;
  let applicationId: string;

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const created = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ divisionCode: '330521101', members: [head, spouse] })
      .expect(201);
    householdId = created.body.householdId;
    [headId, spouseId] = created.body.members.map((m: { personId: string }) => m.personId);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('refuses an unknown household, one elsewhere, and an applicant who is not a member (400 naming the field)', async () => {
    const unknown = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'dibao', divisionCode: '330521101', householdId: 'hh-nope', applicantId: headId })
      .expect(400);
    expect(unknown.body).toMatchObject({ error: 'UnknownHousehold', details: { field: 'householdId' } });
    const elsewhere = await http()
      .post('/applications')
      .set(bearer(countyOfficer))
      .send({ kind: 'dibao', divisionCode: '330521102', householdId, applicantId: headId })
      .expect(400);
    expect(elsewhere.body).toMatchObject({ error: 'HouseholdElsewhere', details: { field: 'householdId' } });
    const notMember = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'dibao', divisionCode: '330521101', householdId, applicant: outsider })
      .expect(400);
    expect(notMember.body).toMatchObject({ error: 'ApplicantNotMember', details: { field: 'applicant' } });
    await http()
      .post('/applications')
      .set(bearer(otherTownshipOfficer))
      .send({ kind: 'dibao', divisionCode: '330521101', householdId, applicantId: headId })
      .expect(403);
  });

  it('a confirmed patient’s household enters 低保 promptly: expedited, approved, members enrolled, disbursed', async () => {
    const submitted = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({
        kind: 'dibao',
        divisionCode: '330521101',
        householdId,
        applicant: { name: head.name, idNumber: head.idNumber },
        expeditedReason: 'patient-household',
      })
      .expect(201);
    applicationId = submitted.body.applicationId;
    expect(submitted.body).toMatchObject({
      applicantId: headId,
      householdId,
      persons: 2,
      expedited: true,
      kindLabel: '低保',
      stepDueAt: '2026-03-03T16:00:00.000Z',
    });

    await http().post(`/applications/${applicationId}/acceptance`).set(bearer(reviewer)).expect(201);
    await http()
      .post(`/applications/${applicationId}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(201);
    clock.set('2026-03-03T02:00:00Z');
    // normal maximum: 1050 yuan × 2 persons × 1.5
    await http()
      .post(`/applications/${applicationId}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 315_001 })
      .expect(400);
    const decided = await http()
      .post(`/applications/${applicationId}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 210_000 })
      .expect(201);
    expect(decided.body).toMatchObject({ status: 'approved', enrolment: { pending: false, doneAt: '2026-03-03T02:00:00.000Z' } });

    for (const personId of [headId, spouseId]) {
      const p = await http().get(`/people/${personId}`).set(bearer(townshipOfficer)).expect(200);
      expect(p.body.registers).toEqual(['dibao']);
      expect(p.body.memberships).toEqual([
        expect.objectContaining({ register: 'dibao', sourceType: 'household', sourceId: householdId, from: '2026-03-03' }),
      ]);
    }
    const household = await http().get(`/households/${householdId}`).set(bearer(townshipOfficer)).expect(200);
    expect(household.body.enrolledCategory).toBe('dibao');

    // a later sweep finds nothing left to enrol: the enrolment happened once
    expect((await http().post('/applications/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ enrolled: 0 });

    await http().post(`/applications/${applicationId}/disbursement`).set(bearer(countyOfficer)).expect(201);
    const [paid] = await waitFor('the disbursement on the wire', () => {
      const found = recorder.of(topic, ApplicationDisbursedV1.type).filter((m) => m.key === applicationId);
      return found.length ? found : undefined;
    });
    expect(paid.json).toMatchObject({ householdRef: householdId, applicantRef: headId, amountFen: 210_000, kind: 'dibao' });
    const submittedEvent = recorder.of(topic, ApplicationSubmittedV1.type).find((m) => m.key === applicationId)!;
    expect(submittedEvent.json).toMatchObject({ householdRef: householdId, nextDueAt: '2026-03-03T16:00:00.000Z' });
    const decidedEvent = recorder.of(topic, ApplicationDecidedV1.type).find((m) => m.key === applicationId)!;
    expect(decidedEvent.json).toMatchObject({ decision: 'approved', amountFen: 210_000, decidedAtLevel: 'county' });
    for (const m of recorder.of(topic)) {
      for (const p of [head, spouse, outsider]) {
        expect(`${m.value}${JSON.stringify(m.headers)}`).not.toContain(p.idNumber);
        expect(m.value).not.toContain(p.name);
      }
    }
  });
});
