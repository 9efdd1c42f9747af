import { INestApplication } from '@nestjs/common';
import { EquipmentFaultReportedV1, EquipmentRepairedV1, EquipmentTopic, MaintenanceCheckMissedV1 } from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { HomeDirectory } from '../src/homes/application/home-directory';
import { FuneralHomeRepository } from '../src/homes/infrastructure/funeral-home.repository';
import { newFault } from '../src/maintenance/domain/maintenance';
import { EquipmentFaultRepository } from '../src/maintenance/infrastructure/maintenance.repository';
import { admin, countyOfficer, homeStaff, otherCountyOfficer, startFuneralOperations } from './support';

const HOME = 'mt-home-1';
const staff = homeStaff(HOME);

describe('daily maintenance checks, missed checks once, faults taking a cremator out of service and back', () => {
  const run = isolatedRun('fo-maintenance');
  const clock = new SettableClock('2026-03-06T00:30:00Z'); // 08:30 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(EquipmentTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const missedOf = (equipmentId: string) => recorder.of(topic, MaintenanceCheckMissedV1.type).filter((m) => m.key === equipmentId);
  const sweep = () => http().post('/maintenance/missed-check-sweeps').set(bearer(admin)).expect(200);

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
        coldStorageSlots: 20,
        bodyCarts: 6,
        crowdedAreas: ['告别厅'],
      })
      .expect(201);
    for (const e of [
      { equipmentId: 'mt-v1', kind: 'vehicle', name: '遗体接运车1' },
      { equipmentId: 'mt-v2', kind: 'vehicle', name: '遗体接运车2' },
      { equipmentId: 'mt-c1', kind: 'cremator', name: '1号火化炉', hours: { start: '06:00', end: '20:00' } },
    ]) {
      await http().post(`/funeral-homes/${HOME}/equipment`).set(bearer(countyOfficer)).send(e).expect(201);
    }
    await http()
      .post(`/funeral-homes/${HOME}/staff`)
      .set(bearer(staff))
      .send({ staffId: 'mt-s1', name: '张师傅', role: 'operator', recalledRetiree: true })
      .expect(201);
    await http()
      .post(`/funeral-homes/${HOME}/staff`)
      .set(bearer(staff))
      .send({ staffId: 'mt-e1', name: '李工', role: 'resident-engineer', recalledRetiree: false })
      .expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('stores staff names encrypted and shows them masked only', async () => {
    const one = await http().get(`/funeral-homes/${HOME}`).set(bearer(staff)).expect(200);
    expect(one.body.staff).toEqual([
      { staffId: 'mt-s1', name: '张**', role: 'operator', roleLabel: '火化操作工', recalledRetiree: true, active: true },
      { staffId: 'mt-e1', name: '李*', role: 'resident-engineer', roleLabel: '厂家驻场工程师', recalledRetiree: false, active: true },
    ]);
    const listed = await http().get('/funeral-homes').set(bearer(countyOfficer)).expect(200);
    const stored = (await app.get(FuneralHomeRepository).get(HOME))!.value;
    for (const text of [JSON.stringify(one.body), JSON.stringify(listed.body), JSON.stringify(stored)]) {
      expect(text).not.toContain('张师傅');
      expect(text).not.toContain('李工');
    }
    expect(stored.staff[0].nameEnc).toEqual(expect.any(String));
  });

  it('records a check by the home’s staff and the resident engineer, refusing a cremator check without the engineer and bad input, naming the fields', async () => {
    const ok = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-v1/checks`)
      .set(bearer(staff))
      .send({ staffId: 'mt-s1', items: ['制动', '车厢消毒'], result: 'ok' })
      .expect(201);
    expect(ok.body).toMatchObject({
      equipmentId: 'mt-v1',
      kind: 'vehicle',
      result: 'ok',
      resultLabel: '正常',
      late: false,
      staffId: 'mt-s1',
      checkedAt: '2026-03-06T00:30:00.000Z',
    });

    const noEngineer = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/checks`)
      .set(bearer(staff))
      .send({ staffId: 'mt-s1', items: ['炉膛'], result: 'ok' })
      .expect(400);
    expect(noEngineer.body).toMatchObject({ error: 'EngineerRequired', details: { field: 'engineerStaffId' } });

    const bad = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/checks`)
      .set(bearer(staff))
      .send({ staffId: 'mt-s1', items: [], result: 'fine' })
      .expect(400);
    expect(bad.body.error).toBe('ValidationFailed');
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['items', 'result']);

    const noFault = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/checks`)
      .set(bearer(staff))
      .send({ staffId: 'mt-s1', engineerStaffId: 'mt-e1', items: ['炉膛'], result: 'fault-found' })
      .expect(400);
    expect(noFault.body.fields.map((f: { field: string }) => f.field)).toContain('fault');
  });

  it('answers another home’s staff and another county’s officer as an unknown home (404), and refuses the sweep to officers (403)', async () => {
    await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-v1/checks`)
      .set(bearer(homeStaff('mt-home-other')))
      .send({ staffId: 'mt-s1', items: ['制动'], result: 'ok' })
      .expect(404);
    await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/faults`)
      .set(bearer(otherCountyOfficer))
      .send({ description: '点火失败', outOfService: true })
      .expect(404);
    await http().get(`/funeral-homes/${HOME}/maintenance`).set(bearer(otherCountyOfficer)).expect(404);
    await http().post('/maintenance/missed-check-sweeps').set(bearer(countyOfficer)).expect(403);
  });

  it('emits MaintenanceCheckMissed once per unchecked equipment after the deadline, across repeated, concurrent sweeps and a restart, and not for the one checked', async () => {
    expect((await sweep()).body.recorded).toBe(0); // 08:30: before the 10:00 deadline

    clock.set('2026-03-06T02:05:00Z'); // 10:05 Beijing
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.body.recorded, 0)).toBe(2);
    expect((await sweep()).body.recorded).toBe(0);
    await app.get(OutboxRelay).flush();

    // a restart sweeps again and finds the misses already recorded
    await app.close();
    app = await startFuneralOperations(run, clock);
    expect((await sweep()).body.recorded).toBe(0);

    // markers after the sweeps, on the same keys (same partitions): a check finding a fault on the
    // vehicle, an out-of-service fault on the cremator
    await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-v2/checks`)
      .set(bearer(staff))
      .send({ staffId: 'mt-s1', items: ['轮胎'], result: 'fault-found', fault: { description: '左后轮胎磨损', outOfService: false } })
      .expect(201);
    const fault = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/faults`)
      .set(bearer(staff))
      .send({ faultId: 'mt-f1', description: '主燃烧器点火失败', outOfService: true })
      .expect(201);
    expect(fault.body).toMatchObject({ faultId: 'mt-f1', status: 'open', statusLabel: '待修复', outOfService: true });
    await waitFor(
      'both markers',
      () =>
        recorder.of(topic, EquipmentFaultReportedV1.type).filter((m) => m.key === 'mt-v2' || m.key === 'mt-c1').length === 2 || undefined,
    );

    expect(missedOf('mt-v1')).toHaveLength(0);
    expect(missedOf('mt-v2')).toHaveLength(1);
    const [m] = missedOf('mt-c1');
    expect(missedOf('mt-c1')).toHaveLength(1);
    expect(m.headers).toMatchObject({
      ce_type: MaintenanceCheckMissedV1.type,
      ce_id: deterministicId(MaintenanceCheckMissedV1.type, HOME, 'mt-c1', '2026-03-06'),
      ce_subject: 'mt-c1:2026-03-06',
      ce_region: '330521',
    });
    expect(m.json).toEqual({
      equipmentId: 'mt-c1',
      kind: 'cremator',
      homeId: HOME,
      divisionCode: '330521',
      day: '2026-03-06',
      detectedAt: '2026-03-06T02:05:00.000Z',
    });
    for (const msg of recorder.of(topic)) {
      for (const text of [msg.value ?? '', JSON.stringify(msg.headers)]) {
        expect(text).not.toContain('张师傅');
        expect(text).not.toContain('李工');
      }
    }

    const view = await http().get(`/funeral-homes/${HOME}/maintenance?date=2026-03-06`).set(bearer(countyOfficer)).expect(200);
    expect(view.body.checked).toEqual(['mt-v1', 'mt-v2']);
    expect(view.body.missing).toEqual(['mt-c1']);
    const state = Object.fromEntries(view.body.equipment.map((e: { equipmentId: string; state: string }) => [e.equipmentId, e.state]));
    expect(state).toEqual({ 'mt-v1': 'checked', 'mt-v2': 'checked-late', 'mt-c1': 'missed' });
    expect(view.body.missedRecorded.map((x: { equipmentId: string }) => x.equipmentId).sort()).toEqual(['mt-c1', 'mt-v2']);
    expect(view.body.openFaults.map((f: { faultId: string }) => f.faultId)).toContain('mt-f1');
  });

  it('a fault takes the cremator out of service (shown on the home, on the wire) and the repair brings it back', async () => {
    const home = await http().get(`/funeral-homes/${HOME}`).set(bearer(staff)).expect(200);
    expect(home.body.equipment.find((e: { equipmentId: string }) => e.equipmentId === 'mt-c1')).toMatchObject({
      inService: false,
      openFaultId: 'mt-f1',
    });
    const [reported] = recorder.of(topic, EquipmentFaultReportedV1.type).filter((m) => m.key === 'mt-c1');
    expect(reported.headers).toMatchObject({ ce_type: EquipmentFaultReportedV1.type, ce_subject: 'mt-f1' });
    expect(reported.json).toEqual({
      equipmentId: 'mt-c1',
      kind: 'cremator',
      homeId: HOME,
      divisionCode: '330521',
      faultId: 'mt-f1',
      description: '主燃烧器点火失败',
      outOfService: true,
      reportedAt: '2026-03-06T02:05:00.000Z',
    });

    await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/faults`)
      .set(bearer(staff))
      .send({ description: '又一故障', outOfService: true })
      .expect(409);

    // the next day it is exempt from its check while out of service; the vehicles are not
    clock.set('2026-03-07T02:30:00Z');
    expect((await sweep()).body.recorded).toBe(3 - 1);
    const day2 = await http().get(`/funeral-homes/${HOME}/maintenance?date=2026-03-07`).set(bearer(staff)).expect(200);
    expect(day2.body.equipment.find((e: { equipmentId: string }) => e.equipmentId === 'mt-c1')).toMatchObject({
      state: 'exempt',
      stateLabel: '停用维修中（免检）',
    });

    clock.set('2026-03-07T04:00:00Z');
    const repaired = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-c1/faults/mt-f1/repair`)
      .set(bearer(staff))
      .send({ notes: '更换点火器' })
      .expect(200);
    expect(repaired.body).toMatchObject({ status: 'repaired', statusLabel: '已修复', repairedAt: '2026-03-07T04:00:00.000Z' });
    await http().post(`/funeral-homes/${HOME}/equipment/mt-c1/faults/mt-f1/repair`).set(bearer(staff)).send({}).expect(409);
    await http().post(`/funeral-homes/${HOME}/equipment/mt-c1/faults/nope/repair`).set(bearer(staff)).send({}).expect(404);

    const back = await http().get(`/funeral-homes/${HOME}`).set(bearer(countyOfficer)).expect(200);
    expect(back.body.equipment.find((e: { equipmentId: string }) => e.equipmentId === 'mt-c1')).toMatchObject({
      inService: true,
      openFaultId: null,
    });
    const [r] = await recorder.waitForCount(topic, 1, EquipmentRepairedV1.type);
    expect(r.key).toBe('mt-c1');
    expect(r.headers).toMatchObject({ ce_type: EquipmentRepairedV1.type, ce_subject: 'mt-f1' });
    expect(r.json).toEqual({
      equipmentId: 'mt-c1',
      kind: 'cremator',
      homeId: HOME,
      divisionCode: '330521',
      faultId: 'mt-f1',
      repairedAt: '2026-03-07T04:00:00.000Z',
    });
  });

  it('a fault sent again finishes a half-done write, and the equipment stays out of service while any out-of-service fault is open', async () => {
    const directory = app.get(HomeDirectory);
    const faults = app.get(EquipmentFaultRepository);
    const v2 = async () =>
      (await http().get(`/funeral-homes/${HOME}`).set(bearer(staff)).expect(200)).body.equipment.find(
        (e: { equipmentId: string }) => e.equipmentId === 'mt-v2',
      );
    const recordOnly = async (faultId: string) => {
      const home = (await directory.get(HOME))!;
      // built as a usable-equipment fault, then marked out of service: as a report racing the first one writes it
      const fault = newFault(
        home,
        home.equipment.find((e) => e.equipmentId === 'mt-v2')!,
        { faultId, description: '制动失灵', outOfService: false, checkId: null },
        staff.sub,
        clock.now(),
      );
      await faults.store.create({ ...fault, outOfService: true }, []);
    };

    // the fault's record written, the vehicle not yet taken out of service (a crash in between): the retry finishes it
    await recordOnly('mt-f2');
    expect(await v2()).toMatchObject({ inService: true });
    const again = await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-v2/faults`)
      .set(bearer(staff))
      .send({ faultId: 'mt-f2', description: '制动失灵', outOfService: true })
      .expect(201);
    expect(again.body).toMatchObject({ faultId: 'mt-f2', status: 'open', outOfService: true });
    expect(await v2()).toMatchObject({ inService: false, openFaultId: 'mt-f2', openFaultIds: ['mt-f2'] });
    await http()
      .post(`/funeral-homes/${HOME}/equipment/mt-v1/faults`)
      .set(bearer(staff))
      .send({ faultId: 'mt-f2', description: 'x', outOfService: false })
      .expect(409);

    // a second out-of-service fault written alongside (as two concurrent reports leave it): repairing it leaves the first open
    await recordOnly('mt-f3');
    await directory.setInService(HOME, 'mt-v2', false, 'mt-f3');
    await http().post(`/funeral-homes/${HOME}/equipment/mt-v2/faults/mt-f3/repair`).set(bearer(staff)).send({}).expect(200);
    expect(await v2()).toMatchObject({ inService: false, openFaultId: 'mt-f2', openFaultIds: ['mt-f2'] });
    await http().post(`/funeral-homes/${HOME}/equipment/mt-v2/faults/mt-f2/repair`).set(bearer(staff)).send({}).expect(200);
    expect(await v2()).toMatchObject({ inService: true, openFaultId: null, openFaultIds: [] });

    // the repair written, the vehicle not yet put back (a crash in between): the retry puts it back, still saying it was repaired
    await directory.setInService(HOME, 'mt-v2', false, 'mt-f2');
    const retried = await http().post(`/funeral-homes/${HOME}/equipment/mt-v2/faults/mt-f2/repair`).set(bearer(staff)).send({}).expect(409);
    expect(retried.body.error).toBe('FaultNotOpen');
    expect(await v2()).toMatchObject({ inService: true, openFaultIds: [] });
  });
});
