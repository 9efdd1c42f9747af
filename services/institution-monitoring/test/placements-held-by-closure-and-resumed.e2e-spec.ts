import { INestApplication } from '@nestjs/common';
import { PlacementHeldV1, PlacementResumedV1, PlacementTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('closed management stops adoption placements (暂停送养) and returns to families (暂停送返寻亲), holds those scheduled and resumes them', () => {
  const run = isolatedRun('im-placements');
  const clock = new SettableClock('2026-01-21T02:00:00Z'); // 10:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(PlacementTopic.name);
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const schedule = (unitId: string, kind: string, scheduledDate = '2026-02-05', subjectRef = 'child-0007') =>
    http.post(`/institutions/${unitId}/placements`).set(bearer(countyOfficer)).send({ kind, subjectRef, scheduledDate });
  /** New topics on a shared broker can take a while to get their leaders: waits allow for it. */
  const WAIT_MS = 90_000;
  const statusOf = async (unitId: string, ref: string) =>
    (await http.get(`/institutions/${unitId}/placements/${ref}`).set(bearer(countyOfficer)).expect(200)).body.status;

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await http
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit('u-pl-cw', '330521101', 'child-welfare-home'))
      .expect(201);
    await http
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit('u-pl-rs', '330521102', 'relief-station'))
      .expect(201);
    await http
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit('u-pl-rs2', '330521102', 'relief-station'))
      .expect(201);
    await http
      .post('/institutions')
      .set(bearer(admin))
      .send(unit('u-pl-far', '330522101', 'child-welfare-home'))
      .expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('holds the scheduled adoptions of a closed child welfare home, refuses new ones with 409, and resumes them on reopening', async () => {
    const unitId = 'u-pl-cw';
    const first = await schedule(unitId, 'adoption-placement').expect(201);
    const second = await schedule(unitId, 'adoption-placement', '2026-02-10', 'child-0008').expect(201);
    const done = await schedule(unitId, 'adoption-placement', '2026-01-21', 'child-0009').expect(201);
    expect(first.body).toMatchObject({ status: 'scheduled', kindLabel: '送养', statusLabel: '已安排 (scheduled)' });
    await http.post(`/institutions/${unitId}/placements/${done.body.placementRef}/carried-out`).set(bearer(countyOfficer)).expect(201);
    // only at the unit type that carries it out
    expect((await schedule(unitId, 'family-return').expect(409)).body.error).toBe('PlacementNotOffered');

    await http
      .post(`/institutions/${unitId}/closures`)
      .set(bearer(countyOfficer))
      .send({ orderId: 'co-330521-001', reason: '疫情防控封闭管理' })
      .expect(201);

    const refused = await schedule(unitId, 'adoption-placement', '2026-02-20', 'child-0010').expect(409);
    expect(refused.body).toMatchObject({
      error: 'UnitClosed',
      details: { rule: 'closed-management', orderId: 'co-330521-001', placement: 'adoption-placement' },
    });
    expect(refused.body.message).toContain('暂停送养');

    const held = await recorder.waitForCount(topic, 2, PlacementHeldV1.type, WAIT_MS);
    expect(held.map((m) => m.json.placementRef).sort()).toEqual([first.body.placementRef, second.body.placementRef].sort());
    expect(held.find((m) => m.json.placementRef === first.body.placementRef)!.json).toEqual({
      unitId,
      unitType: 'child-welfare-home',
      divisionCode: '330521101',
      placementRef: first.body.placementRef,
      kind: 'adoption-placement',
      scheduledDate: '2026-02-05',
      closureOrderId: 'co-330521-001',
      heldAt: '2026-01-21T02:00:00.000Z',
    });
    for (const m of held) expect(JSON.stringify(m.json)).not.toContain('child-000');
    expect(await statusOf(unitId, first.body.placementRef)).toBe('on-hold');
    expect(await statusOf(unitId, done.body.placementRef)).toBe('carried-out');
    const notNow = await http
      .post(`/institutions/${unitId}/placements/${first.body.placementRef}/carried-out`)
      .set(bearer(countyOfficer))
      .expect(409);
    expect(notNow.body.error).toBe('UnitClosed');
    const onHold = await http.get(`/institutions/${unitId}/placements?status=on-hold`).set(bearer(countyOfficer)).expect(200);
    expect(onHold.body).toHaveLength(2);

    clock.set('2026-03-01T02:00:00Z');
    await http.post(`/institutions/${unitId}/reopenings`).set(bearer(countyOfficer)).send({ reopenOrderId: 'ro-330521-001' }).expect(201);
    const resumed = await recorder.waitForCount(topic, 2, PlacementResumedV1.type, WAIT_MS);
    expect(resumed.find((m) => m.json.placementRef === second.body.placementRef)!.json).toMatchObject({
      placementRef: second.body.placementRef,
      closureOrderId: 'co-330521-001',
      reopenOrderId: 'ro-330521-001',
      resumedAt: '2026-03-01T02:00:00.000Z',
      scheduledDate: '2026-02-10',
    });
    await waitFor(
      'the held adoptions scheduled again',
      async () => (await statusOf(unitId, first.body.placementRef)) === 'scheduled',
      WAIT_MS,
    );
    expect(await statusOf(unitId, second.body.placementRef)).toBe('scheduled');
    await http.post(`/institutions/${unitId}/placements/${second.body.placementRef}/carried-out`).set(bearer(countyOfficer)).expect(201);
    await schedule(unitId, 'adoption-placement', '2026-03-05', 'child-0010').expect(201);
    // each placement held once and resumed once
    expect(recorder.of(topic, PlacementHeldV1.type).filter((m) => m.key === unitId)).toHaveLength(2);
    expect(recorder.of(topic, PlacementResumedV1.type).filter((m) => m.key === unitId)).toHaveLength(2);
    clock.set('2026-01-21T02:00:00Z');
  }, 240_000);

  it('holds returns to the family at relief stations closed by a region-wide order, and resumes them when the order is lifted', async () => {
    const a = await schedule('u-pl-rs', 'family-return', '2026-01-25', 'r-0001').expect(201);
    const b = await schedule('u-pl-rs2', 'family-return', '2026-01-26', 'r-0002').expect(201);
    const cancelled = await schedule('u-pl-rs2', 'family-return', '2026-01-27', 'r-0003').expect(201);
    await http
      .post(`/institutions/u-pl-rs2/placements/${cancelled.body.placementRef}/cancellation`)
      .set(bearer(countyOfficer))
      .send({ reason: '家属已自行接回' })
      .expect(201);
    await http
      .post('/closure-orders')
      .set(bearer(countyOfficer))
      .send({
        orderId: 'ro-330521102-001',
        divisionCode: '330521102',
        unitTypes: ['relief-station'],
        reason: '救助管理机构实行临时封闭管理',
      })
      .expect(201);

    const refused = await schedule('u-pl-rs', 'family-return', '2026-01-28', 'r-0004').expect(409);
    expect(refused.body).toMatchObject({ error: 'UnitClosed', details: { placement: 'family-return', orderId: 'ro-330521102-001' } });
    expect(refused.body.message).toContain('暂停送返寻亲');

    const refs = [a.body.placementRef, b.body.placementRef];
    const ofRefs = (type: string) => recorder.of(topic, type).filter((m) => refs.includes(m.json.placementRef as string));
    await waitFor('both stations’ returns held', () => ofRefs(PlacementHeldV1.type).length === 2, WAIT_MS);
    expect(await statusOf('u-pl-rs', a.body.placementRef)).toBe('on-hold');
    expect(await statusOf('u-pl-rs2', cancelled.body.placementRef)).toBe('cancelled');

    await http
      .post('/closure-orders/ro-330521102-001/lift')
      .set(bearer(countyOfficer))
      .send({ reopenOrderId: 'lift-330521102-001' })
      .expect(200);
    await waitFor('both stations’ returns resumed', () => ofRefs(PlacementResumedV1.type).length === 2, WAIT_MS);
    expect(await statusOf('u-pl-rs2', b.body.placementRef)).toBe('scheduled');
    const resumedEvents = recorder.of(topic, PlacementResumedV1.type).filter((m) => m.json.kind === 'family-return');
    expect(resumedEvents.every((m) => m.json.reopenOrderId === 'lift-330521102-001' && m.json.closureOrderId === 'ro-330521102-001')).toBe(
      true,
    );
    expect(recorder.of(topic, PlacementResumedV1.type).some((m) => m.json.placementRef === cancelled.body.placementRef)).toBe(false);
  }, 240_000);

  it('scopes placements to the caller’s reach and checks the input', async () => {
    await schedule('u-pl-far', 'adoption-placement').expect(404);
    const bad = await http
      .post('/institutions/u-pl-cw/placements')
      .set(bearer(countyOfficer))
      .send({ kind: 'adoption', subjectRef: '张三 丰', scheduledDate: '2026-13-01' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['kind', 'scheduledDate', 'subjectRef']);
    await http.get('/institutions/u-pl-cw/placements?status=nope').set(bearer(countyOfficer)).expect(400);
    const other = { sub: 'staff-rs', roles: ['unit-staff' as const], jurisdiction: '330521102', unitId: 'u-pl-rs' };
    await http.get('/institutions/u-pl-cw/placements').set(bearer(other)).expect(404);
  });
});
