import { INestApplication } from '@nestjs/common';
import { InstitutionRegistered, InstitutionRegisteredV1, ReliefStatusTopic, ResidentDied, ResidentDiedV1 } from '@civil/contracts';
import { createApp as createFuneralOperations, FuneralOperationsConfig } from '@civil/funeral-operations';
import { deterministicId, idNumberCheckChar, SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutboxRelay, TopicNames, toKafkaRecord } from '@civil/messaging';
import { loadConfig, PersonKeyHasher } from '@civil/platform';
import { createApp as createSocialRelief, SocialReliefConfig } from '@civil/social-relief';
import { bearer, createRunTopics, isolatedRun, kafkaBrokers, serviceEnv, waitFor } from '@civil/testing';
import request from 'supertest';

const township = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };
const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
const homeStaff = { sub: 'staff-fh-tekun', roles: ['unit-staff' as const], jurisdiction: '330521', unitId: 'fh-tekun' };

function idNumber(birthDate: string, sequence: number): string {
  const first17 = `330521${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * A 集中供养特困 resident of a 敬老院 dies: the county's approval put them on the register in social
 * relief (seed 003 篇八), ReliefStatusChanged carried it to funeral operations, and the death's case
 * there waives the basic funeral fees (seed 003 篇十一).
 */
describe('a 集中供养特困 resident’s death → waived funeral fees, across social relief and funeral operations', () => {
  const run = isolatedRun('e2e-tekun-waiver');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const upstream = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-institution-monitoring' }), names);
  const resident = { name: '吴守德', idNumber: idNumber('1940-08-08', 701) };
  let relief: INestApplication;
  let funeral: INestApplication;
  const sr = () => request(relief.getHttpServer());
  const fo = () => request(funeral.getHttpServer());

  beforeAll(async () => {
    await createRunTopics(run);
    await kafkaAdmin.connect();
    relief = await createSocialRelief(loadConfig(SocialReliefConfig, serviceEnv(run, 'social-relief')), clock);
    funeral = await createFuneralOperations(loadConfig(FuneralOperationsConfig, serviceEnv(run, 'funeral-operations')), clock);
  });

  const kafkaAdmin = createKafka({ brokers: kafkaBrokers(), clientId: 'test-tekun-lag' }).admin();
  /** Until a consumer group has committed everything on a topic (nothing left in flight). */
  const caughtUp = (physical: string, groupId: string) =>
    waitFor(
      `${groupId} to consume all of ${physical}`,
      async () => {
        const [ends, [committed]] = await Promise.all([
          kafkaAdmin.fetchTopicOffsets(physical),
          kafkaAdmin.fetchOffsets({ groupId, topics: [physical] }),
        ]);
        return ends.every((end) => {
          const at = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
          return Number(end.high) > 0 ? at >= Number(end.high) : true;
        })
          ? true
          : undefined;
      },
      30_000,
      100,
    );

  afterAll(async () => {
    await kafkaAdmin.disconnect();
    await upstream.disconnect();
    await relief?.close();
    await funeral?.close();
  });

  it('the county approves 集中供养 in the 敬老院, and the resident’s death there is a case with the fee waived', async () => {
    const home: InstitutionRegistered = {
      unitId: 'u-330521-jly',
      name: '新市镇敬老院',
      unitType: 'extreme-poverty-support-home',
      operator: 'public',
      divisionCode: '330521101',
      beds: 80,
      bedsInUse: 52,
      registeredAt: '2026-02-01T01:00:00.000Z',
    };
    await upstream.publish([
      toKafkaRecord(
        createEvent(InstitutionRegisteredV1, home, { id: deterministicId('reg', home.unitId), time: new Date(home.registeredAt) }),
        InstitutionRegisteredV1.topic,
        home.unitId,
      ),
    ]);

    const submitted = await sr()
      .post('/applications')
      .set(bearer(township))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant: resident })
      .expect(201);
    const applicationId = submitted.body.applicationId as string;
    await sr().post(`/applications/${applicationId}/acceptance`).set(bearer(reviewer)).expect(201);
    await sr()
      .post(`/applications/${applicationId}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(201);
    // the institution copy is built from the event above: the decision waits until the 敬老院 is known
    const decided = await waitFor('the approval, once the 敬老院 is known', async () => {
      const res = await sr()
        .post(`/applications/${applicationId}/decision`)
        .set(bearer(county))
        .send({ decision: 'approved', amountFen: 120_000, supportMode: 'concentrated', institutionId: home.unitId });
      return res.status === 201 ? res.body : undefined;
    });
    expect(decided.decision.support).toEqual({ mode: 'concentrated', institutionId: home.unitId });

    await fo()
      .post('/funeral-homes')
      .set(bearer(county))
      .send({
        homeId: 'fh-tekun',
        name: '县殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 4,
        bodyCarts: 2,
        crowdedAreas: [],
      })
      .expect(201);

    clock.set('2026-03-06T00:00:00Z');
    const personKey = funeral.get(PersonKeyHasher).keyOf(resident.idNumber);
    const died: ResidentDied = {
      unitId: home.unitId,
      unitType: 'extreme-poverty-support-home',
      divisionCode: '330521101',
      deathId: 'd-tekun-1',
      residentRef: 'r-tekun-1',
      diedAt: '2026-03-05T22:00:00.000Z',
      cause: 'natural',
      infectious: false,
      disease: null,
      personKey,
      recordedAt: '2026-03-05T22:30:00.000Z',
    };
    // the status reaches funeral operations first (the death comes days after the approval)
    await relief.get(OutboxRelay).flush();
    await caughtUp(names.physical(ReliefStatusTopic.name), names.group('funeral-operations'));
    await upstream.publish([
      toKafkaRecord(
        createEvent(ResidentDiedV1, died, { time: new Date(died.recordedAt) }),
        ResidentDiedV1.topic,
        ResidentDiedV1.keyOf(died),
      ),
    ]);
    const funeralCase = await waitFor('the funeral case of the death', async () => {
      const list = await fo().get('/funeral-cases').set(bearer(homeStaff));
      return list.status === 200 && Array.isArray(list.body) ? list.body[0] : undefined;
    });
    expect(funeralCase.feeWaiver).toMatchObject({ waived: true, register: 'concentrated-extreme-poverty', basis: 'relief-status-copy' });
    expect(JSON.stringify(funeralCase)).not.toContain(resident.idNumber);
  });
});
