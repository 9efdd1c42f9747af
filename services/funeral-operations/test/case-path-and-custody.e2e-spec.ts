import { INestApplication } from '@nestjs/common';
import { FuneralCaseMovedV1, FuneralCaseTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { HomeDirectory } from '../src/homes/application/home-directory';
import { countyOfficer, homeStaff, idNumber, otherCountyOfficer, startFuneralOperations } from './support';

const HOME = 'fh-path';
const staff = homeStaff(HOME);
const deceasedId = idNumber('1950-01-01', 123);
const intake = (name: string, idNo?: string) => ({
  homeId: HOME,
  deceased: { name, ...(idNo ? { idNumber: idNo } : {}) },
  diedAt: '2026-03-05T23:00:00.000Z',
  infectious: false,
  place: '县人民医院太平间',
  family: { name: '张小明', phone: '13800001111' },
});

describe('a funeral case from intake to remains released, with its custody log on the wire', () => {
  const run = isolatedRun('fo-case-path');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(FuneralCaseTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  let caseId: string;
  let second: string;

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    await http()
      .post('/funeral-homes')
      .set(bearer(countyOfficer))
      .send({
        homeId: HOME,
        name: '德清县殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 4,
        bodyCarts: 2,
        crowdedAreas: ['告别厅'],
      })
      .expect(201);
    for (const e of [
      { equipmentId: 'v1', kind: 'vehicle', name: '接运车1' },
      { equipmentId: 'v2', kind: 'vehicle', name: '接运车2' },
      { equipmentId: 'v3', kind: 'vehicle', name: '接运车3' },
      { equipmentId: 'c1', kind: 'cremator', name: '1号炉', hours: { start: '08:00', end: '17:00' } },
    ]) {
      await http().post(`/funeral-homes/${HOME}/equipment`).set(bearer(countyOfficer)).send(e).expect(201);
    }
    await http()
      .post(`/funeral-homes/${HOME}/staff`)
      .set(bearer(countyOfficer))
      .send({ staffId: 'op-1', name: '王师傅', role: 'operator', recalledRetiree: true })
      .expect(201);
    await http()
      .post(`/funeral-homes/${HOME}/staff`)
      .set(bearer(countyOfficer))
      .send({ staffId: 'drv-1', name: '李司机', role: 'driver', recalledRetiree: false })
      .expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('takes a dispatcher’s intake, storing name and ID number encrypted and showing them masked', async () => {
    const res = await http().post('/funeral-cases').set(bearer(staff)).send(intake('张三丰', deceasedId)).expect(201);
    caseId = res.body.caseId;
    expect(res.body).toMatchObject({
      homeId: HOME,
      status: 'requested',
      statusLabel: '已接报',
      origin: 'direct',
      infectious: false,
      ceremoniesAllowed: true,
      deceased: { name: '张**', idNumber: '3305**********' + deceasedId.slice(-4) },
      family: { name: '张**', phone: '138****1111' },
    });
    expect(JSON.stringify(res.body)).not.toContain(deceasedId);
    expect(JSON.stringify(res.body)).not.toContain('三丰');
    second = (await http().post('/funeral-cases').set(bearer(staff)).send(intake('李四')).expect(201)).body.caseId;
  });

  it('refuses bad input naming each field, and an invalid ID number without echoing it', async () => {
    const bad = await http()
      .post('/funeral-cases')
      .set(bearer(staff))
      .send({ homeId: HOME, deceased: { name: '' }, diedAt: 'yesterday', infectious: 'yes', place: 'x' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['deceased.name', 'diedAt', 'infectious']),
    );
    const wrong = `${deceasedId.slice(0, 17)}${deceasedId[17] === '0' ? '1' : '0'}`;
    const badId = await http().post('/funeral-cases').set(bearer(staff)).send(intake('王五', wrong)).expect(400);
    expect(badId.body).toMatchObject({ error: 'InvalidIdNumber', details: { field: 'deceased.idNumber' } });
    expect(JSON.stringify(badId.body)).not.toContain(wrong);
  });

  it('answers another home’s staff and an officer of another county as if the case did not exist (404)', async () => {
    await http()
      .get(`/funeral-cases/${caseId}`)
      .set(bearer(homeStaff('fh-other')))
      .expect(404);
    await http().get(`/funeral-cases/${caseId}/custody`).set(bearer(otherCountyOfficer)).expect(404);
    await http()
      .post(`/funeral-cases/${caseId}/dispatch`)
      .set(bearer(homeStaff('fh-other')))
      .send({ vehicleId: 'v1' })
      .expect(404);
    await http()
      .post('/funeral-cases')
      .set(bearer(homeStaff('fh-other')))
      .send(intake('赵六'))
      .expect(404);
  });

  it('lets home staff, county and wider officers, inspectors and admins read cases; not township officers', async () => {
    const township = { sub: 'township-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
    await http().get('/funeral-cases').set(bearer(township)).expect(403);
    await http().get(`/funeral-cases/${caseId}`).set(bearer(township)).expect(403);
    await http().get(`/funeral-cases/${caseId}/custody`).set(bearer(township)).expect(403);
    const inspector = { sub: 'inspector-330521', roles: ['inspector' as const], jurisdiction: '330521' };
    await http().get(`/funeral-cases/${caseId}`).set(bearer(inspector)).expect(200);
    await http().get(`/funeral-cases/${caseId}/custody`).set(bearer(inspector)).expect(200);
    expect((await http().get('/funeral-cases').set(bearer(inspector)).expect(200)).body.map((c: { caseId: string }) => c.caseId)).toContain(
      caseId,
    );
  });

  it('dispatches a vehicle in service and not on another run (409 otherwise)', async () => {
    await http().post(`/funeral-cases/${caseId}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v1' }).expect(200);
    const busy = await http().post(`/funeral-cases/${second}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v1' }).expect(409);
    expect(busy.body.error).toBe('VehicleOnAnotherRun');
    await app.get(HomeDirectory).setInService(HOME, 'v3', false, 'fault-1');
    const broken = await http().post(`/funeral-cases/${second}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v3' }).expect(409);
    expect(broken.body).toMatchObject({ error: 'VehicleOutOfService' });
    const cremateNotInCustody = await http()
      .post(`/funeral-cases/${second}/cremation`)
      .set(bearer(staff))
      .send({ operatorStaffId: 'op-1', startedAt: '2026-03-06T00:00:00Z', endedAt: '2026-03-06T00:30:00Z' })
      .expect(409);
    expect(cremateNotInCustody.body).toMatchObject({ error: 'NotInCustody', message: expect.stringContaining('not in the home') });
    await http().post(`/funeral-cases/${second}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v2' }).expect(200);
  });

  it('picks up and stores the body; a second case cannot take an occupied slot', async () => {
    clock.set('2026-03-06T00:20:00Z');
    await http().post(`/funeral-cases/${caseId}/pick-up`).set(bearer(staff)).send({ place: '县人民医院太平间' }).expect(200);
    await http().post(`/funeral-cases/${caseId}/storage`).set(bearer(staff)).send({ slot: 5 }).expect(400);
    const stored = await http().post(`/funeral-cases/${caseId}/storage`).set(bearer(staff)).send({ slot: 1 }).expect(200);
    expect(stored.body).toMatchObject({ status: 'stored', slot: 1 });
    await http().post(`/funeral-cases/${second}/pick-up`).set(bearer(staff)).send({ place: '家中' }).expect(200);
    const occupied = await http().post(`/funeral-cases/${second}/storage`).set(bearer(staff)).send({ slot: 1 }).expect(409);
    expect(occupied.body.error).toBe('SlotOccupied');
    // the vehicle's run ended at storage: v1 can go again
    const third = (await http().post('/funeral-cases').set(bearer(staff)).send(intake('钱七')).expect(201)).body.caseId;
    await http().post(`/funeral-cases/${third}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v1' }).expect(200);
  });

  it('refuses to cremate a stored body not scheduled, and to release before the cremation', async () => {
    const notScheduled = await http()
      .post(`/funeral-cases/${caseId}/cremation`)
      .set(bearer(staff))
      .send({ operatorStaffId: 'op-1', startedAt: '2026-03-06T00:00:00Z', endedAt: '2026-03-06T00:10:00Z' })
      .expect(409);
    expect(notScheduled.body.error).toBe('NotScheduled');
    const early = await http()
      .post(`/funeral-cases/${caseId}/release`)
      .set(bearer(staff))
      .send({ receiver: { name: '张小明', phone: '13800001111' }, relation: '子' })
      .expect(409);
    expect(early.body).toMatchObject({ error: 'ReleaseBeforeCremation' });
  });

  it('schedules, logs the cremation (cremator, operator, start, end) and releases the remains', async () => {
    const scheduled = await http().post(`/funeral-cases/${caseId}/cremation-booking`).set(bearer(staff)).send({}).expect(200);
    expect(scheduled.body.cremation).toMatchObject({
      crematorId: 'c1',
      start: '2026-03-06T00:20:00.000Z',
      end: '2026-03-06T01:50:00.000Z',
      day: '2026-03-06',
    });
    clock.set('2026-03-06T02:00:00Z');
    const badOperator = await http()
      .post(`/funeral-cases/${caseId}/cremation`)
      .set(bearer(staff))
      .send({ operatorStaffId: 'drv-1', startedAt: '2026-03-06T00:20:00Z', endedAt: '2026-03-06T01:50:00Z' })
      .expect(400);
    expect(badOperator.body.details).toEqual({ field: 'operatorStaffId' });
    const cremated = await http()
      .post(`/funeral-cases/${caseId}/cremation`)
      .set(bearer(staff))
      .send({ operatorStaffId: 'op-1', startedAt: '2026-03-06T00:20:00Z', endedAt: '2026-03-06T01:50:00Z' })
      .expect(200);
    expect(cremated.body.cremationLog).toMatchObject({
      crematorId: 'c1',
      operatorStaffId: 'op-1',
      startedAt: '2026-03-06T00:20:00.000Z',
      endedAt: '2026-03-06T01:50:00.000Z',
    });
    // the slot is free again
    await http().post(`/funeral-cases/${second}/storage`).set(bearer(staff)).send({ slot: 1 }).expect(200);
    clock.set('2026-03-06T06:00:00Z');
    const released = await http()
      .post(`/funeral-cases/${caseId}/release`)
      .set(bearer(staff))
      .send({ receiver: { name: '张小明', phone: '13800001111' }, relation: '子' })
      .expect(200);
    expect(released.body).toMatchObject({
      status: 'released',
      release: { to: { name: '张**', phone: '138****1111' }, relation: '子', at: '2026-03-06T06:00:00.000Z' },
    });
    const again = await http().post(`/funeral-cases/${caseId}/cancellation`).set(bearer(staff)).send({ reason: 'x' }).expect(409);
    expect(again.body.error).toBe('CaseClosed');
  });

  it('keeps the custody log: where, who, when and why for every move', async () => {
    const log = await http().get(`/funeral-cases/${caseId}/custody`).set(bearer(countyOfficer)).expect(200);
    expect(
      log.body.entries.map((e: { from: string | null; to: string; where: { kind: string; ref: string }; who: string }) => [
        e.from,
        e.to,
        e.where.kind,
        e.where.ref,
        e.who,
      ]),
    ).toEqual([
      [null, 'requested', 'place', '县人民医院太平间', staff.sub],
      ['requested', 'dispatched', 'vehicle', 'v1', staff.sub],
      ['dispatched', 'picked-up', 'vehicle', 'v1', staff.sub],
      ['picked-up', 'stored', 'slot', `${HOME}#1`, staff.sub],
      ['stored', 'scheduled', 'cremator', 'c1', staff.sub],
      ['scheduled', 'cremated', 'cremator', 'c1', 'op-1'],
      ['cremated', 'released', 'receiver', '张**', staff.sub],
    ]);
    expect(log.body.entries[6]).toMatchObject({
      at: '2026-03-06T06:00:00.000Z',
      toLabel: '骨灰已领取',
      why: expect.stringContaining('骨灰交付'),
      where: { kindLabel: '骨灰领取人' },
    });
  });

  it('publishes FuneralCaseMoved for every move, keyed by case, with no name, ID number or phone', async () => {
    await app.get(OutboxRelay).flush();
    const moves = await recorder.waitForKey(topic, caseId, 7, FuneralCaseMovedV1.type);
    expect(moves.map((m) => [m.json.from, m.json.to])).toEqual([
      [null, 'requested'],
      ['requested', 'dispatched'],
      ['dispatched', 'picked-up'],
      ['picked-up', 'stored'],
      ['stored', 'scheduled'],
      ['scheduled', 'cremated'],
      ['cremated', 'released'],
    ]);
    expect(moves[4].headers).toMatchObject({
      ce_type: FuneralCaseMovedV1.type,
      ce_source: FuneralCaseMovedV1.source,
      ce_subject: caseId,
      ce_region: '330521',
    });
    expect(moves[4].json).toEqual({
      caseId,
      homeId: HOME,
      divisionCode: '330521',
      from: 'stored',
      to: 'scheduled',
      infectious: false,
      origin: 'direct',
      unitId: null,
      cremateBy: null,
      at: '2026-03-06T00:20:00.000Z',
    });
    for (const m of recorder.of(topic)) {
      const wire = `${m.value} ${JSON.stringify(m.headers)}`;
      for (const secret of [deceasedId, '张三丰', '三丰', '张小明', '13800001111', '李四']) expect(wire).not.toContain(secret);
    }
  });
});
