import { INestApplication } from '@nestjs/common';
import { CeremoniesSuspendedV1, CeremonySuspensionLiftedV1, CeremonyTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, homeStaff, otherCountyOfficer, startFuneralOperations } from './support';

const HOME = 'cm-home-1';
const OTHER_HOME = 'cm-home-2';
const staff = homeStaff(HOME);
const otherStaff = homeStaff(OTHER_HOME, '330522');
const townshipOfficer = { sub: 'township-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
const family = { name: '张小明', phone: '13812345678' };
const booking = (kind: string, startsAt: string, endsAt: string) => ({ kind, startsAt, endsAt, hall: '一号告别厅', familyContact: family });

describe('ceremony suspension orders refuse bookings naming the order; incidents from recorded to resolved', () => {
  const run = isolatedRun('fo-ceremonies');
  const clock = new SettableClock('2026-03-06T00:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(CeremonyTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const order = {
    orderId: 'cso-330521-01',
    divisionCode: '330521',
    kinds: ['farewell', 'vigil'],
    reason: '疫情期间暂停集中治丧活动，白事简办',
  };

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const home = { openingHours: { start: '07:00', end: '18:00' }, coldStorageSlots: 10, bodyCarts: 2, crowdedAreas: ['一号告别厅'] };
    await http()
      .post('/funeral-homes')
      .set(bearer(countyOfficer))
      .send({ ...home, homeId: HOME, name: '德清县殡仪馆', divisionCode: '330521' })
      .expect(201);
    await http()
      .post('/funeral-homes')
      .set(bearer(otherCountyOfficer))
      .send({ ...home, homeId: OTHER_HOME, name: '邻县殡仪馆', divisionCode: '330522' })
      .expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('books a ceremony with the family contact masked, and refuses bad input naming the fields', async () => {
    const made = await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send(booking('farewell', '2026-03-08T02:00:00Z', '2026-03-08T03:00:00Z'))
      .expect(201);
    expect(made.body).toMatchObject({
      kind: 'farewell',
      kindLabel: '遗体告别',
      status: 'booked',
      statusLabel: '已预约',
      familyContact: { name: '张**', phone: '138****5678' },
    });
    const list = await http().get(`/funeral-homes/${HOME}/ceremony-bookings`).set(bearer(staff)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('张小明');
    expect(JSON.stringify(list.body)).not.toContain('13812345678');

    const bad = await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send({
        kind: 'party',
        startsAt: 'tomorrow',
        endsAt: '2026-03-08T03:00:00Z',
        hall: '一号告别厅',
        familyContact: { name: '', phone: 'x' },
      })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'familyContact.name',
      'familyContact.phone',
      'kind',
      'startsAt',
    ]);
    const backwards = await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send(booking('rites', '2026-03-08T03:00:00Z', '2026-03-08T02:00:00Z'))
      .expect(400);
    expect(backwards.body).toMatchObject({ error: 'InvalidPeriod', details: { field: 'endsAt' } });
    await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(otherStaff))
      .send(booking('rites', '2026-03-08T02:00:00Z', '2026-03-08T03:00:00Z'))
      .expect(404);
  });

  it('refuses orders outside the officer’s county, from home staff, and with bad input naming the fields', async () => {
    await http().post('/ceremony-suspension-orders').set(bearer(otherCountyOfficer)).send(order).expect(403);
    await http().post('/ceremony-suspension-orders').set(bearer(staff)).send(order).expect(403);
    const bad = await http()
      .post('/ceremony-suspension-orders')
      .set(bearer(countyOfficer))
      .send({ ...order, divisionCode: '3', kinds: ['dance'] })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['divisionCode', 'kinds']);
  });

  it('an order flags the booking already made, refuses a farewell naming the order, still accepts rites and a vigil in another county; lifting accepts again', async () => {
    clock.set('2026-03-06T01:00:00Z');
    const issued = await http().post('/ceremony-suspension-orders').set(bearer(countyOfficer)).send(order).expect(201);
    expect(issued.body).toMatchObject({
      orderId: order.orderId,
      kinds: ['farewell', 'vigil'],
      kindLabels: ['遗体告别', '守灵'],
      status: 'in-force',
      statusLabel: '生效中',
      from: '2026-03-06T01:00:00.000Z',
      until: null,
    });
    expect(issued.body.affectedBookings).toEqual([
      expect.objectContaining({
        kind: 'farewell',
        status: 'affected',
        affectedByOrderIds: [order.orderId],
        familyContact: { name: '张**', phone: '138****5678' },
      }),
    ]);
    // re-sent: the same order, no second event; other terms under the same id: 409
    await http().post('/ceremony-suspension-orders').set(bearer(countyOfficer)).send(order).expect(201);
    await http()
      .post('/ceremony-suspension-orders')
      .set(bearer(countyOfficer))
      .send({ ...order, kinds: ['rites'] })
      .expect(409);

    const refused = await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send(booking('farewell', '2026-03-09T02:00:00Z', '2026-03-09T03:00:00Z'))
      .expect(409);
    expect(refused.body).toMatchObject({ error: 'CeremonySuspended', details: { orderId: order.orderId } });
    expect(refused.body.message).toContain(order.orderId);
    expect(refused.body.message).not.toContain('张小明');

    await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send(booking('rites', '2026-03-09T02:00:00Z', '2026-03-09T03:00:00Z'))
      .expect(201);
    await http()
      .post(`/funeral-homes/${OTHER_HOME}/ceremony-bookings`)
      .set(bearer(otherStaff))
      .send(booking('vigil', '2026-03-09T10:00:00Z', '2026-03-09T22:00:00Z'))
      .expect(201);

    const listed = await http().get('/ceremony-suspension-orders?divisionCode=330521101').set(bearer(staff)).expect(200);
    expect(listed.body.map((o: { orderId: string }) => o.orderId)).toEqual([order.orderId]);
    const elsewhere = await http().get('/ceremony-suspension-orders').set(bearer(otherCountyOfficer)).expect(200);
    expect(elsewhere.body).toEqual([]);

    await http().post(`/ceremony-suspension-orders/${order.orderId}/lift`).set(bearer(otherCountyOfficer)).expect(404);
    clock.set('2026-03-07T01:00:00Z');
    const lifted = await http().post(`/ceremony-suspension-orders/${order.orderId}/lift`).set(bearer(countyOfficer)).expect(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', statusLabel: '已解除', liftedAt: '2026-03-07T01:00:00.000Z' });
    await http().post(`/ceremony-suspension-orders/${order.orderId}/lift`).set(bearer(countyOfficer)).expect(409);

    await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send(booking('farewell', '2026-03-09T02:00:00Z', '2026-03-09T03:00:00Z'))
      .expect(201);
  });

  it('publishes both order events, keyed by order, once each', async () => {
    const [l] = await recorder.waitForCount(topic, 1, CeremonySuspensionLiftedV1.type);
    expect(l.key).toBe(order.orderId);
    expect(l.headers).toMatchObject({ ce_type: CeremonySuspensionLiftedV1.type, ce_subject: order.orderId, ce_region: '330521' });
    expect(l.json).toEqual({
      orderId: order.orderId,
      divisionCode: '330521',
      kinds: ['farewell', 'vigil'],
      liftedAt: '2026-03-07T01:00:00.000Z',
    });
    // the lift follows the order on the same key (partition): the re-sent order added no second event
    const suspended = recorder.of(topic, CeremoniesSuspendedV1.type);
    expect(suspended).toHaveLength(1);
    expect(suspended[0].key).toBe(order.orderId);
    expect(suspended[0].headers).toMatchObject({ ce_type: CeremoniesSuspendedV1.type, ce_subject: order.orderId });
    expect(suspended[0].json).toEqual({
      orderId: order.orderId,
      divisionCode: '330521',
      kinds: ['farewell', 'vigil'],
      reason: order.reason,
      from: '2026-03-06T01:00:00.000Z',
      until: null,
    });
    for (const m of recorder.of(topic)) expect(`${m.value}${JSON.stringify(m.headers)}`).not.toMatch(/张小明|13812345678/);
  });

  it('records a tent funeral where it happened and follows it to resolved, within jurisdiction', async () => {
    const bad = await http()
      .post('/funeral-incidents')
      .set(bearer(townshipOfficer))
      .send({ kind: 'picnic', divisionCode: '33', description: '' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['description', 'divisionCode', 'kind']);
    await http()
      .post('/funeral-incidents')
      .set(bearer(otherCountyOfficer))
      .send({ kind: 'tent-funeral', divisionCode: '330521101201', description: '村民搭棚治丧' })
      .expect(403);

    const recorded = await http()
      .post('/funeral-incidents')
      .set(bearer(townshipOfficer))
      .send({
        kind: 'tent-funeral',
        divisionCode: '330521101201',
        description: '五爱村有户村民搭棚治丧',
        occurredAt: '2026-03-07T00:30:00Z',
      })
      .expect(201);
    expect(recorded.body).toMatchObject({
      kind: 'tent-funeral',
      kindLabel: '搭棚治丧',
      status: 'open',
      statusLabel: '待处置',
      resolution: null,
      occurredAt: '2026-03-07T00:30:00.000Z',
    });
    const id = recorded.body.incidentId;

    await http().post(`/funeral-incidents/${id}/resolution`).set(bearer(otherCountyOfficer)).send({ resolution: 'x' }).expect(404);
    await http().post(`/funeral-incidents/${id}/resolution`).set(bearer(countyOfficer)).send({}).expect(400);
    clock.set('2026-03-07T06:00:00Z');
    const resolved = await http()
      .post(`/funeral-incidents/${id}/resolution`)
      .set(bearer(countyOfficer))
      .send({ resolution: '民政局负责人与村书记二次上户做工作后，家属自愿拆除' })
      .expect(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      statusLabel: '已处置',
      resolution: '民政局负责人与村书记二次上户做工作后，家属自愿拆除',
      resolvedAt: '2026-03-07T06:00:00.000Z',
      resolvedBy: countyOfficer.sub,
    });
    await http().post(`/funeral-incidents/${id}/resolution`).set(bearer(countyOfficer)).send({ resolution: 'again' }).expect(409);

    const mine = await http().get('/funeral-incidents?status=resolved').set(bearer(townshipOfficer)).expect(200);
    expect(mine.body.map((i: { incidentId: string }) => i.incidentId)).toEqual([id]);
    expect((await http().get('/funeral-incidents').set(bearer(otherCountyOfficer)).expect(200)).body).toEqual([]);
    await http().get(`/funeral-incidents/${id}`).set(bearer(otherCountyOfficer)).expect(404);
  });

  it('shows an order only to callers it concerns, with only the affected bookings inside their jurisdiction', async () => {
    const mine = await http()
      .post(`/funeral-homes/${HOME}/ceremony-bookings`)
      .set(bearer(staff))
      .send(booking('rites', '2026-03-10T02:00:00Z', '2026-03-10T03:00:00Z'))
      .expect(201);
    const theirs = await http()
      .post(`/funeral-homes/${OTHER_HOME}/ceremony-bookings`)
      .set(bearer(otherStaff))
      .send(booking('rites', '2026-03-10T02:00:00Z', '2026-03-10T03:00:00Z'))
      .expect(201);
    const wide = {
      orderId: 'cso-33-01',
      divisionCode: '33',
      kinds: ['rites'],
      reason: '全省暂停祭祀活动',
      from: '2026-03-10T00:00:00Z',
      until: '2026-03-11T00:00:00Z',
    };
    const issued = await http().post('/ceremony-suspension-orders').set(bearer(admin)).send(wide).expect(201);
    expect(issued.body.affectedBookingIds).toEqual(expect.arrayContaining([mine.body.bookingId, theirs.body.bookingId]));
    const affected = async (who: Parameters<typeof bearer>[0], orderId = wide.orderId) =>
      (await http().get(`/ceremony-suspension-orders/${orderId}`).set(bearer(who)).expect(200)).body.affectedBookings.map(
        (b: { bookingId: string }) => b.bookingId,
      );

    // the order covers their division: they see it, and only their own bookings
    expect(await affected(countyOfficer)).toEqual([mine.body.bookingId]);
    expect(await affected(otherCountyOfficer)).toEqual([theirs.body.bookingId]);
    expect(await affected(otherStaff)).toEqual([theirs.body.bookingId]);
    expect(await affected(homeStaff('cm-home-3'))).toEqual([]);
    expect((await affected(admin)).sort()).toEqual([mine.body.bookingId, theirs.body.bookingId].sort());
    // a county order is nothing to another county, nor to another province: for them it does not exist
    await http().get(`/ceremony-suspension-orders/${order.orderId}`).set(bearer(otherCountyOfficer)).expect(404);
    await http().get(`/ceremony-suspension-orders/${order.orderId}`).set(bearer(otherStaff)).expect(404);
    await http()
      .get(`/ceremony-suspension-orders/${wide.orderId}`)
      .set(bearer({ sub: 'x', roles: ['county-officer'], jurisdiction: '340102' }))
      .expect(404);
    // inside the county: the county order is theirs to read (a township inside it, the issuing county)
    await http().get(`/ceremony-suspension-orders/${order.orderId}`).set(bearer(townshipOfficer)).expect(200);
    await http()
      .get(`/ceremony-suspension-orders/${order.orderId}`)
      .set(bearer({ sub: 'd', roles: ['discipline-officer'], jurisdiction: '330521' }))
      .expect(403);
  });
});
