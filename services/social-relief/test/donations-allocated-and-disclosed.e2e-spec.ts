import { INestApplication } from '@nestjs/common';
import { DonationAllocatedV1, DonationDeliveredV1, DonationReceivedV1, DonationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';

type Caller = Parameters<typeof bearer>[0];
import request from 'supertest';
import { InstitutionCopyRepository } from '../src/institution-copy/infrastructure/institution-copy.repository';
import { countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const DONOR = '陈慈善';
const otherCountyOfficer = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };

describe('donations: received, allocated in parts, delivered, and disclosed without anyone identifiable (seed 001 全流程公开透明)', () => {
  const run = isolatedRun('sr-donations');
  const clock = new SettableClock('2026-02-03T02:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(DonationTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const households: string[] = [];
  const idNumbers: string[] = [];

  const household = async (seq: number) => {
    const members = [
      { name: `户主${seq}`, idNumber: idNumber('1960-01-01', seq), relation: 'head', canWork: false },
      { name: `配偶${seq}`, idNumber: idNumber('1962-02-02', seq + 1), relation: 'spouse', canWork: false },
    ];
    idNumbers.push(...members.map((m) => m.idNumber));
    const res = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ divisionCode: '330521101', members, incomes: [] })
      .expect(201);
    return res.body.householdId as string;
  };
  const disclosure = async (divisionCode = '330521') =>
    (await http().get(`/donation-disclosures?divisionCode=${divisionCode}&from=2026-02-01&to=2026-02-28`).expect(200)).body;
  const allocate = (donationId: string, body: Record<string, unknown>, who: Caller = countyOfficer) =>
    http().post(`/donations/${donationId}/allocations`).set(bearer(who)).send(body);

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const units = app.get(InstitutionCopyRepository);
    for (const [unitId, unitType, divisionCode] of [
      ['xinshi-jinglaoyuan', 'extreme-poverty-support-home', '330521102'],
      ['wukang-elderly-home', 'elderly-care-home', '330521101'],
      ['anji-jinglaoyuan', 'extreme-poverty-support-home', '330523101'],
    ]) {
      await units.store.create(
        {
          unitId,
          name: `${unitId} 院`,
          unitType,
          operator: 'public',
          divisionCode,
          beds: 100,
          bedsInUse: 60,
          registryVersion: 1,
          appliedEvents: [],
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
        [],
      );
    }
    for (const seq of [11, 21, 31]) households.push(await household(seq));
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('receive → allocate in parts → deliver; never more than received; events carry amounts and references only', async () => {
    const received = await http()
      .post('/donations')
      .set(bearer(countyOfficer))
      .send({
        divisionCode: '330521',
        donorKind: 'individual',
        donorName: DONOR,
        giftKind: 'goods',
        item: '大米',
        unit: '袋',
        quantity: 100,
      })
      .expect(201);
    const id = received.body.donationId as string;
    expect(received.body).toMatchObject({
      status: 'received',
      statusLabel: '已接收',
      remaining: 100,
      donor: { kind: 'individual', nameMasked: '陈**' },
    });
    expect(JSON.stringify(received.body)).not.toContain(DONOR);

    const first = await allocate(id, { recipientType: 'unit', recipientId: 'xinshi-jinglaoyuan', quantity: 40 }).expect(201);
    expect(first.body.donation).toMatchObject({ status: 'partly-allocated', allocated: 40, remaining: 60 });
    expect(first.body.allocation).toMatchObject({ unitType: 'extreme-poverty-support-home', recipientRef: 'xinshi-jinglaoyuan' });
    // more than is left: refused, nothing written
    const over = await allocate(id, { recipientType: 'household', recipientId: households[0], quantity: 61 }).expect(409);
    expect(over.body).toMatchObject({ error: 'AllocationExceedsDonation' });
    // parts racing for the rest: the store decides again on each, so together they never exceed it
    const racing = await Promise.all(households.map((h) => allocate(id, { recipientType: 'household', recipientId: h, quantity: 25 })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    // the rest goes to the household whose part lost the race, so each of the three receives some
    const lost = households[racing.findIndex((r) => r.status === 409)];
    const rest = await allocate(id, { recipientType: 'household', recipientId: lost, quantity: 10 }).expect(201);
    expect(rest.body.donation).toMatchObject({ status: 'fully-allocated', allocated: 100, remaining: 0 });
    await allocate(id, { recipientType: 'household', recipientId: households[0], quantity: 1 }).expect(409);

    const all = rest.body.donation.allocations as { allocationId: string }[];
    for (const a of all.slice(0, -1))
      await http().post(`/donations/${id}/allocations/${a.allocationId}/delivery`).set(bearer(countyOfficer)).expect(200);
    const partly = (await http().get(`/donations/${id}`).set(bearer(countyOfficer)).expect(200)).body;
    expect(partly).toMatchObject({ status: 'fully-allocated', delivered: 100 - 10 });
    const last = await http()
      .post(`/donations/${id}/allocations/${all[all.length - 1].allocationId}/delivery`)
      .set(bearer(countyOfficer))
      .expect(200);
    expect(last.body).toMatchObject({ status: 'delivered', statusLabel: '已全部送达', delivered: 100 });
    // confirming again changes nothing
    await http().post(`/donations/${id}/allocations/${all[0].allocationId}/delivery`).set(bearer(countyOfficer)).expect(200);

    await app.get(OutboxRelay).flush();
    const events = await recorder.waitForCount(topic, 1 + 4 + 4, undefined);
    const types = events.map((e) => e.headers.ce_type);
    expect(types.filter((t) => t === DonationReceivedV1.type)).toHaveLength(1);
    expect(types.filter((t) => t === DonationAllocatedV1.type)).toHaveLength(4);
    expect(types.filter((t) => t === DonationDeliveredV1.type)).toHaveLength(4);
    const allocated = events.filter((e) => e.headers.ce_type === DonationAllocatedV1.type).map((e) => e.json);
    expect(Math.max(...allocated.map((e) => e.allocatedTotal as number))).toBe(100);
    expect(allocated.map((e) => e.remaining).sort((a, b) => (a as number) - (b as number))[0]).toBe(0);
    for (const e of events) {
      expect(e.value).not.toContain(DONOR);
      for (const n of idNumbers) expect(e.value).not.toContain(n);
    }
  });

  it('allocates only to units and households this service knows, inside the receiving division and the caller’s reach', async () => {
    const money = await http()
      .post('/donations')
      .set(bearer(townshipOfficer))
      .send({ divisionCode: '330521101', donorKind: 'enterprise', donorName: '德清某某有限公司', giftKind: 'money', amountFen: 500_000 })
      .expect(201);
    const id = money.body.donationId as string;
    // a unit of another county, and one nobody registered: the same 404
    expect(
      (await allocate(id, { recipientType: 'unit', recipientId: 'anji-jinglaoyuan', quantity: 1 }, townshipOfficer).expect(404)).body.error,
    ).toBe('RecipientNotFound');
    await allocate(id, { recipientType: 'unit', recipientId: 'no-such-unit', quantity: 1 }, townshipOfficer).expect(404);
    // the county's officer reaches 新市镇, but the township's donation stays in the township
    const outside = await allocate(id, { recipientType: 'unit', recipientId: 'xinshi-jinglaoyuan', quantity: 1 }).expect(409);
    expect(outside.body.error).toBe('RecipientOutsideDivision');
    await allocate(id, { recipientType: 'unit', recipientId: 'wukang-elderly-home', quantity: 200_000 }, townshipOfficer).expect(201);
    await allocate(id, { recipientType: 'household', recipientId: households[0], quantity: 100_000 }, townshipOfficer).expect(201);
    // another township's officer and another county's see nothing of it
    await http().get(`/donations/${id}`).set(bearer(otherTownshipOfficer)).expect(404);
    await allocate(id, { recipientType: 'household', recipientId: households[0], quantity: 1 }, otherCountyOfficer).expect(404);
    await http()
      .post('/donations')
      .set(bearer(otherTownshipOfficer))
      .send({ divisionCode: '330521101', donorKind: 'organisation', donorName: '某协会', giftKind: 'money', amountFen: 1 })
      .expect(403);

    const bad = await http()
      .post('/donations')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', donorKind: 'someone', donorName: '', giftKind: 'goods', quantity: 1.5 })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['donorKind', 'donorName', 'item', 'quantity', 'unit']);
    expect(
      (await allocate(id, { recipientType: 'village', recipientId: 'x', quantity: 0 }).expect(400)).body.fields
        .map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['quantity', 'recipientType']);
  });

  it('the public disclosure: aggregates only, no household id, person or donor name; few households shown as "<3"', async () => {
    const county = await disclosure();
    expect(county).toMatchObject({ divisionCode: '330521', minimumCount: 3, donations: 2 });
    expect(county.donors).toEqual(
      expect.arrayContaining([
        { donorKind: 'individual', donations: '<3', label: '个人' },
        { donorKind: 'enterprise', donations: 1, label: '企业' },
      ]),
    );
    const [money, rice] = county.lines;
    expect(money).toMatchObject({ giftKind: 'money', received: 500_000, allocated: 300_000, delivered: 0 });
    expect(money.toHouseholds).toEqual({ households: '<3', quantity: null });
    expect(money.toUnits).toEqual([{ unitType: 'elderly-care-home', unitTypeLabel: expect.any(String), units: 1, quantity: 200_000 }]);
    expect(rice).toMatchObject({ giftKind: 'goods', item: '大米', unit: '袋', received: 100, allocated: 100, delivered: 100 });
    expect(rice.toHouseholds).toEqual({ households: 3, quantity: 60 });
    const text = JSON.stringify(county);
    for (const h of households) expect(text).not.toContain(h);
    expect(text).not.toContain(DONOR);
    expect(text).not.toContain('德清某某');
    for (const n of idNumbers) expect(text).not.toContain(n);

    // a township's figures: its own donations only; a region raising its minimum suppresses more
    const township = await disclosure('330521101');
    expect(township).toMatchObject({ donations: 1, lines: [{ giftKind: 'money' }] });
    await http()
      .put('/regional-settings/donation-disclosure-minimum-count')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', value: 5 })
      .expect((r) => expect([200, 201]).toContain(r.status));
    expect((await disclosure()).lines[1].toHouseholds).toEqual({ households: '<5', quantity: null });

    // input is checked; nothing else is open to the public
    const bad = await http().get('/donation-disclosures?divisionCode=33052&from=2026-02-10&to=2026-02-01').expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('divisionCode');
    await http().get('/donation-disclosures?divisionCode=330521&from=2026-02-10&to=2026-02-01').expect(400);
    await http().get('/donations').expect(401);
  });
});
