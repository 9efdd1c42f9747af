import { INestApplication } from '@nestjs/common';
import { InstitutionRegistered, InstitutionRegisteredV1, ReliefStatusChangedV1, ReliefStatusTopic } from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutboxRelay, TopicNames, toKafkaRecord } from '@civil/messaging';
import { bearer, isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { InstitutionCopyRepository } from '../src/institution-copy/infrastructure/institution-copy.repository';
import { countyOfficer, idNumber, startSocialRelief, townshipOfficer } from './support';

/** A second cadre of the township: accepts and reviews (the decider must be neither maker nor reviewer). */
const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };

const resident = { name: '孙守业', idNumber: idNumber('1941-04-04', 511) };
const atHome = { name: '孙守成', idNumber: idNumber('1943-05-05', 513) };

const unit = (unitId: string, unitType: InstitutionRegistered['unitType']): InstitutionRegistered => ({
  unitId,
  name: `${unitId} 敬老院`,
  unitType,
  operator: 'public',
  divisionCode: '330521101',
  beds: 60,
  bedsInUse: 40,
  registeredAt: '2026-02-01T01:00:00.000Z',
});

describe('the 特困 register follows the county’s decision (seed 003 篇八: 经县级人民政府民政部门审核确认)', () => {
  const run = isolatedRun('sr-tekun-register');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const statusTopic = names.physical(ReliefStatusTopic.name);
  const upstream = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-tekun-institutions' }), names);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const personOf = async (personId: string) => (await http().get(`/people/${personId}`).set(bearer(townshipOfficer)).expect(200)).body;

  /** An 特困 application entered by the township and reviewed eligible, waiting on the county. */
  async function reviewedApplication(applicant: { name: string; idNumber: string }) {
    const submitted = await http()
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant })
      .expect(201);
    const id = submitted.body.applicationId as string;
    await http().post(`/applications/${id}/acceptance`).set(bearer(reviewer)).expect(201);
    await http()
      .post(`/applications/${id}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(201);
    return { applicationId: id, personId: submitted.body.applicantId as string };
  }
  const decide = (applicationId: string, body: Record<string, unknown>) =>
    http()
      .post(`/applications/${applicationId}/decision`)
      .set(bearer(countyOfficer))
      .send({ decision: 'approved', amountFen: 120_000, ...body });

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([statusTopic]).start();
    await upstream.publish(
      [unit('u-jly-xinshi', 'extreme-poverty-support-home'), unit('u-home-private', 'elderly-care-home')].map((r) =>
        toKafkaRecord(
          createEvent(InstitutionRegisteredV1, r, { id: deterministicId('reg', r.unitId), time: new Date(r.registeredAt) }),
          InstitutionRegisteredV1.topic,
          r.unitId,
        ),
      ),
    );
    const copies = app.get(InstitutionCopyRepository);
    await waitFor('both units copied', async () =>
      (await copies.get('u-jly-xinshi')) && (await copies.get('u-home-private')) ? true : undefined,
    );
  });

  afterAll(async () => {
    await recorder?.stop();
    await upstream.disconnect();
    await app?.close();
  });

  it('a township’s list entry for 散居特困 records care needs and puts nobody on the register', async () => {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...atHome, categories: ['dispersed-extreme-poverty'] })
      .expect(201);
    expect(added.body.entry.person.registers).toEqual([]);
    expect((await personOf(added.body.entry.personId)).memberships).toEqual([]);
  });

  it('approving 特困 needs 供养方式, and 集中供养 a registered 敬老院 / 特困供养机构: 400 naming the field', async () => {
    const { applicationId } = await reviewedApplication(resident);
    const missing = await decide(applicationId, {}).expect(400);
    expect(missing.body).toMatchObject({ error: 'SupportModeRequired', details: { field: 'supportMode' } });
    const bad = await decide(applicationId, { supportMode: 'in-a-tent' }).expect(400);
    expect(bad.body.fields).toEqual([{ field: 'supportMode', reasons: ['must be one of: concentrated, dispersed'] }]);
    const noUnit = await decide(applicationId, { supportMode: 'concentrated' }).expect(400);
    expect(noUnit.body).toMatchObject({ error: 'InstitutionRequired', details: { field: 'institutionId' } });
    const unknown = await decide(applicationId, { supportMode: 'concentrated', institutionId: 'u-nowhere' }).expect(400);
    expect(unknown.body).toMatchObject({ error: 'UnknownInstitution', details: { field: 'institutionId' } });
    const notAHome = await decide(applicationId, { supportMode: 'concentrated', institutionId: 'u-home-private' }).expect(400);
    expect(notAHome.body).toMatchObject({ error: 'NotASupportInstitution', details: { field: 'institutionId' } });
    const atHomeWithUnit = await decide(applicationId, { supportMode: 'dispersed', institutionId: 'u-jly-xinshi' }).expect(400);
    expect(atHomeWithUnit.body).toMatchObject({ error: 'InstitutionNotApplicable', details: { field: 'institutionId' } });
    const unitWithoutMode = await decide(applicationId, { institutionId: 'u-jly-xinshi' }).expect(400);
    expect(unitWithoutMode.body).toMatchObject({ error: 'SupportModeRequired', details: { field: 'supportMode' } });
  });

  it('the county’s approval of 集中供养 enrols the applicant on the 集中供养特困 register with the institution, on the wire', async () => {
    clock.set('2026-03-04T02:00:00Z');
    const { applicationId, personId } = await reviewedApplication(resident); // the same person: one person, a second application
    const decided = await decide(applicationId, { supportMode: 'concentrated', institutionId: 'u-jly-xinshi' }).expect(201);
    expect(decided.body.decision).toMatchObject({
      decision: 'approved',
      level: 'county',
      support: { mode: 'concentrated', institutionId: 'u-jly-xinshi' },
      supportModeLabel: '集中供养',
    });
    const person = await personOf(personId);
    expect(person.registers).toEqual(['concentrated-extreme-poverty']);
    expect(person.memberships).toEqual([
      {
        register: 'concentrated-extreme-poverty',
        sourceType: 'application',
        sourceId: applicationId,
        institutionId: 'u-jly-xinshi',
        from: '2026-03-04',
        to: null,
      },
    ]);
    await app.get(OutboxRelay).flush();
    const changed = await waitFor('集中供养特困 on the wire', () =>
      recorder.of(statusTopic, ReliefStatusChangedV1.type).find((m) => m.json.registers.includes('concentrated-extreme-poverty')),
    );
    expect(changed.json).toMatchObject({ registers: ['concentrated-extreme-poverty'], divisionCode: '330521101' });
    expect(changed.value).not.toContain(resident.idNumber);
  });

  it('分散供养 enrols on the 散居特困 register; a voucher round for 特困 reaches both, each under its own register', async () => {
    const { applicationId, personId } = await reviewedApplication(atHome);
    await decide(applicationId, { supportMode: 'dispersed' }).expect(201);
    const person = await personOf(personId);
    expect(person.registers).toEqual(['dispersed-extreme-poverty']);
    expect(person.memberships).toEqual([
      { register: 'dispersed-extreme-poverty', sourceType: 'application', sourceId: applicationId, from: '2026-03-04', to: null },
    ]);

    await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({
        roundId: 'tekun-vouchers-2026',
        kind: 'consumption-voucher',
        title: '特困人员消费券',
        amountFen: 30_000,
        registers: ['concentrated-extreme-poverty', 'dispersed-extreme-poverty'],
        snapshotDate: '2026-03-04',
        divisionCode: '330521',
      })
      .expect(201);
    const ran = await http().post('/benefit-rounds/tekun-vouchers-2026/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(ran.body).toMatchObject({ status: 'issued', issuedNow: 2 });
    expect(ran.body.totals.byRegister).toEqual({ 'concentrated-extreme-poverty': 1, 'dispersed-extreme-poverty': 1 });
  });

  it('a later decision replaces the 供养方式: moving into the 敬老院 ends the 分散供养 membership', async () => {
    clock.set('2026-03-20T02:00:00Z');
    const { applicationId, personId } = await reviewedApplication(atHome);
    await decide(applicationId, { supportMode: 'concentrated', institutionId: 'u-jly-xinshi' }).expect(201);
    const person = await personOf(personId);
    expect(person.registers).toEqual(['concentrated-extreme-poverty']);
    expect(person.memberships).toEqual([
      expect.objectContaining({ register: 'dispersed-extreme-poverty', from: '2026-03-04', to: '2026-03-20' }),
      expect.objectContaining({
        register: 'concentrated-extreme-poverty',
        sourceId: applicationId,
        institutionId: 'u-jly-xinshi',
        to: null,
      }),
    ]);
  });
});
