import { INestApplication } from '@nestjs/common';
import {
  BenefitTopic,
  EntitlementIssuedV1,
  InstitutionRegistered,
  InstitutionRegisteredV1,
  InstitutionUpdated,
  InstitutionUpdatedV1,
} from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutboxRelay, TopicNames, toKafkaRecord } from '@civil/messaging';
import { bearer, isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { InstitutionCopyRepository } from '../src/institution-copy/infrastructure/institution-copy.repository';
import { countyOfficer, startSocialRelief } from './support';

const registered = (
  unitId: string,
  unitType: InstitutionRegistered['unitType'],
  operator: InstitutionRegistered['operator'],
  bedsInUse: number,
  divisionCode = '330521101',
): InstitutionRegistered => ({
  unitId,
  name: `${unitId} 颐养院`,
  unitType,
  operator,
  divisionCode,
  beds: 200,
  bedsInUse,
  registeredAt: '2022-11-01T01:00:00.000Z',
});
const updated = (unitId: string, registryVersion: number, bedsInUse: number): InstitutionUpdated => ({
  unitId,
  unitType: 'elderly-care-home',
  divisionCode: '330521101',
  name: `${unitId} 颐养院`,
  operator: 'social-capital',
  beds: 200,
  bedsInUse,
  isolationRooms: 2,
  pairedMedicalInstitution: '德清县人民医院',
  changedFields: ['bedsInUse'],
  registryVersion,
  updatedAt: `2022-12-0${registryVersion}T01:00:00.000Z`,
});

describe('the bed subsidy, from institution-monitoring’s events', () => {
  const run = isolatedRun('sr-beds');
  const clock = new SettableClock(new Date().toISOString());
  const names = new TopicNames(run.topicPrefix);
  const topic = names.physical(BenefitTopic.name);
  const upstream = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-institution-monitoring' }), names);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const reg = (r: InstitutionRegistered) =>
    toKafkaRecord(
      createEvent(InstitutionRegisteredV1, r, { id: deterministicId('reg', r.unitId), time: new Date(r.registeredAt) }),
      InstitutionRegisteredV1.topic,
      r.unitId,
    );
  const upd = (u: InstitutionUpdated) =>
    toKafkaRecord(
      createEvent(InstitutionUpdatedV1, u, {
        id: deterministicId('upd', u.unitId, String(u.registryVersion)),
        time: new Date(u.updatedAt),
      }),
      InstitutionUpdatedV1.topic,
      u.unitId,
    );

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await upstream.disconnect();
    await app?.close();
  });

  it('keeps a copy of the units: an update raising beds in use applies, a redelivery and an older update do not', async () => {
    await upstream.publish([
      reg(registered('u-sc-home', 'elderly-care-home', 'social-capital', 80)),
      reg(registered('u-public-home', 'elderly-care-home', 'public', 150)),
      reg(registered('u-sc-daycare', 'day-care-centre', 'social-capital', 12)),
      reg(registered('u-sc-children', 'child-welfare-home', 'social-capital', 40)),
      reg(registered('u-sc-other-county', 'elderly-care-home', 'social-capital', 60, '330522101')),
      reg(registered('u-sc-empty', 'elderly-care-home', 'social-capital', 0)),
    ]);
    await upstream.publish([upd(updated('u-sc-home', 3, 90))]);
    // the same event again (redelivery), then an older version arriving late, then the newest
    await upstream.publish([
      upd(updated('u-sc-home', 3, 90)),
      reg(registered('u-sc-home', 'elderly-care-home', 'social-capital', 80)),
      upd(updated('u-sc-home', 2, 85)),
    ]);
    await upstream.publish([upd(updated('u-sc-home', 4, 100))]);

    const copies = app.get(InstitutionCopyRepository);
    const home = await waitFor('the newest update in the copy', async () => {
      const c = await copies.get('u-sc-home');
      return c?.value.registryVersion === 4 ? c : undefined;
    });
    // registered (1), v3 (2), v4 (3): the redelivered v3, the redelivered registration and the late v2 wrote nothing
    expect(home.version).toBe(3);
    expect(home.value).toMatchObject({
      bedsInUse: 100,
      operator: 'social-capital',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
    });
    expect(home.value.appliedEvents).toHaveLength(3);
    await waitFor('every unit copied', async () => (await copies.get('u-sc-empty')) && (await copies.get('u-sc-other-county')));
  });

  it('pays 1000 yuan per bed in use, once per unit, to social-capital 养老机构 in the division; day-care centres not by default (seed 000)', async () => {
    await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({
        roundId: 'beds-2022',
        kind: 'bed-subsidy',
        title: '民办养老机构床位补贴',
        amountFen: 100000,
        registers: ['dibao'],
        snapshotDate: '2022-12-31',
        divisionCode: '330521',
      })
      .expect(400);
    await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({
        roundId: 'beds-2022',
        kind: 'bed-subsidy',
        title: '民办养老机构床位补贴',
        amountFen: 100000,
        snapshotDate: '2022-12-31',
        divisionCode: '330521',
      })
      .expect(201);
    const ran = await http().post('/benefit-rounds/beds-2022/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(ran.body).toMatchObject({ status: 'issued', issuedNow: 1, totals: { entitlements: 1, quantity: 100, amountFen: 10_000_000 } });

    const issued = await recorder.waitForCount(topic, 1, EntitlementIssuedV1.type);
    expect(issued.map((m) => m.key).sort()).toEqual(['u-sc-home']);
    const home = issued.find((m) => m.key === 'u-sc-home')!;
    expect(home.headers).toMatchObject({ ce_type: EntitlementIssuedV1.type, ce_region: '330521101' });
    expect(home.json).toMatchObject({
      roundId: 'beds-2022',
      roundKind: 'bed-subsidy',
      beneficiaryType: 'unit',
      beneficiaryRef: 'u-sc-home',
      register: null,
      quantity: 100,
      amountFen: 10_000_000,
    });

    // beds rise later: the unit was paid once for this round, a rerun pays nobody again
    await upstream.publish([upd(updated('u-sc-home', 5, 120))]);
    await waitFor(
      'the raise in the copy',
      async () => (await app.get(InstitutionCopyRepository).get('u-sc-home'))?.value.bedsInUse === 120,
    );
    const again = await http().post('/benefit-rounds/beds-2022/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(again.body).toMatchObject({ issuedNow: 0, totals: { entitlements: 1, amountFen: 10_000_000 } });
    await app.get(OutboxRelay).flush();
    const page = await http().get('/benefit-rounds/beds-2022/entitlements').set(bearer(countyOfficer)).expect(200);
    await http().post(`/entitlements/${page.body.items[0].entitlementId}/redemption`).set(bearer(countyOfficer)).expect(200);
    await recorder.waitForCount(topic, 1, 'cn.gov.civilaffairs.social-relief.entitlement-redeemed.v1');
    expect(recorder.of(topic, EntitlementIssuedV1.type)).toHaveLength(1);
  });

  const bedRound = (roundId: string, extra: Record<string, unknown> = {}) =>
    http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({
        roundId,
        kind: 'bed-subsidy',
        title: '民办养老机构床位补贴',
        amountFen: 100000,
        snapshotDate: '2022-12-31',
        divisionCode: '330521',
        ...extra,
      });

  it('is 一次性 across rounds: another round of the policy pays no unit twice; a region may include day-care centres (seed 000)', async () => {
    await http()
      .put('/regional-settings/bed-subsidy-includes-day-care')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521101', value: 1 })
      .expect((r) => expect([200, 201]).toContain(r.status));
    await bedRound('beds-2022-again').expect(201);
    const again = await http().post('/benefit-rounds/beds-2022-again/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    // the home was paid by beds-2022 under the same policy; the day-care centre now counts in its region
    expect(again.body).toMatchObject({ issuedNow: 1, totals: { entitlements: 1, quantity: 12, amountFen: 1_200_000 } });
    const page = await http().get('/benefit-rounds/beds-2022-again/entitlements').set(bearer(countyOfficer)).expect(200);
    expect(page.body.items.map((e: { beneficiaryRef: string }) => e.beneficiaryRef)).toEqual(['u-sc-daycare']);
    // and beds-2022 run again still pays the home only: the day-care centre is this round's
    const first = await http().post('/benefit-rounds/beds-2022/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(first.body).toMatchObject({ issuedNow: 0, totals: { entitlements: 1 } });

    await bedRound('beds-2023', { policyId: 'bed-subsidy-2023' }).expect(201);
    const other = await http().post('/benefit-rounds/beds-2023/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(other.body).toMatchObject({ issuedNow: 2, totals: { entitlements: 2, quantity: 132 } });
    const view = await http().get('/benefit-rounds/beds-2023').set(bearer(countyOfficer)).expect(200);
    expect(view.body).toMatchObject({ policyId: 'bed-subsidy-2023', unitOfIssue: 'unit', unitOfIssueLabel: '按机构发放' });

    const wrong = await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({
        roundId: 'vouchers-with-policy',
        kind: 'consumption-voucher',
        title: '消费券',
        amountFen: 30000,
        registers: ['dibao'],
        policyId: 'bed-subsidy',
        snapshotDate: '2022-12-31',
        divisionCode: '330521',
      })
      .expect(400);
    expect(JSON.stringify(wrong.body)).toContain('policyId');
  });
});
