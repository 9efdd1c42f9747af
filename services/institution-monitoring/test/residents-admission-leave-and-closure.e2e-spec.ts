import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { ResidentDirectory } from '../src/residents/application/resident-directory';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('residents: admission, relief-station isolation, leave and closed management', () => {
  const run = isolatedRun('im-residents');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing, 2 March
  const home = 'u-res-home';
  const relief = 'u-res-relief';
  const homeStaff = { sub: 'staff-home', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: home };
  const reliefStaff = { sub: 'staff-relief', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: relief };
  const townshipOfficer = { sub: 'officer-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const idNumber = '330521195001011237';
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(home)).expect(201);
    await http
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit(relief, '330521101', 'relief-station'))
      .expect(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses an admission while the unit is closed, naming the order, and admits after it reopens', async () => {
    await http
      .post(`/institutions/${home}/closures`)
      .set(bearer(countyOfficer))
      .send({ orderId: 'DQ-CLOSE-001', reason: '疫情封闭管理' })
      .expect(201);
    const refused = await http.post(`/institutions/${home}/residents`).set(bearer(homeStaff)).send({ name: '张三', idNumber }).expect(409);
    expect(refused.body).toMatchObject({ error: 'UnitClosed', details: { orderId: 'DQ-CLOSE-001', arrival: 'admission' } });
    expect(refused.body.message).toContain('DQ-CLOSE-001');
    expect(JSON.stringify(refused.body)).not.toContain(idNumber);

    await http.post(`/institutions/${home}/reopenings`).set(bearer(countyOfficer)).send({ reopenOrderId: 'DQ-REOPEN-001' }).expect(201);
    const admitted = await http.post(`/institutions/${home}/residents`).set(bearer(homeStaff)).send({ name: '张三', idNumber }).expect(201);
    expect(admitted.body).toMatchObject({
      unitId: home,
      name: '张三',
      idNumber: '3305**********1237',
      status: 'in-residence',
      statusLabel: '在院',
      isolation: null,
    });
    expect(admitted.body.residentId).toMatch(/^r-[0-9a-f-]{36}$/);
  });

  it('isolates a relief-station admission 14 days (end date = admission day + 14) and requires the reading', async () => {
    const missing = await http.post(`/institutions/${relief}/residents`).set(bearer(reliefStaff)).send({ name: '王小明' }).expect(400);
    expect(missing.body).toMatchObject({ error: 'AdmissionReadingRequired', details: { field: 'temperatureC' } });

    const res = await http
      .post(`/institutions/${relief}/residents`)
      .set(bearer(reliefStaff))
      .send({ name: '王小明', idNumber, temperatureC: 36.5 })
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'isolated',
      statusLabel: '隔离观察',
      isolation: { reason: 'admission', startedAt: '2026-03-02T01:00:00.000Z', endsOn: '2026-03-16', active: true },
      latestReading: { temperatureC: 36.5, abnormal: false },
    });

    const asOfficer = await http.get(`/institutions/${relief}/residents/${res.body.residentId}`).set(bearer(countyOfficer)).expect(200);
    expect(asOfficer.body).toMatchObject({ name: '王**', idNumber: '3305**********1237', isolation: { endsOn: '2026-03-16' } });
    const listed = await http.get(`/institutions/${relief}/residents`).set(bearer(reliefStaff)).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ residentId: res.body.residentId, name: '王小明', status: 'isolated' })]);

    // the same ID number (old 15-digit form included) is refused while still resident in that unit
    const twice = await http
      .post(`/institutions/${relief}/residents`)
      .set(bearer(reliefStaff))
      .send({ name: '王小明', idNumber, temperatureC: 36.4 })
      .expect(409);
    expect(twice.body).toMatchObject({ error: 'AlreadyResident', details: { residentId: res.body.residentId } });

    const directory = app.get(ResidentDirectory);
    expect(await directory.find(relief, res.body.residentId)).toEqual({
      residentId: res.body.residentId,
      unitId: relief,
      status: 'isolated',
    });
    expect(await directory.find(home, res.body.residentId)).toBeUndefined();
  });

  it('takes leave through approval, refuses the return while closed, and isolates 14 days on return after the reopening', async () => {
    const admitted = await http.post(`/institutions/${home}/residents`).set(bearer(homeStaff)).send({ name: '赵六' }).expect(201);
    const base = `/institutions/${home}/residents/${admitted.body.residentId}`;
    const requested = await http
      .post(`${base}/leave-requests`)
      .set(bearer(homeStaff))
      .send({ reason: '外出看病', fromDate: '2026-03-02', untilDate: '2026-03-03' })
      .expect(201);
    const leave = requested.body.leaveRequests[0];
    expect(leave).toMatchObject({ status: 'requested', statusLabel: '待审批' });

    await http.post(`${base}/leave-requests/${leave.leaveId}/departure`).set(bearer(homeStaff)).expect(409);
    await http.post(`${base}/leave-requests/${leave.leaveId}/approval`).set(bearer(homeStaff)).send({ decision: 'approved' }).expect(403);
    const approved = await http
      .post(`${base}/leave-requests/${leave.leaveId}/approval`)
      .set(bearer(townshipOfficer))
      .send({ decision: 'approved', note: '同意' })
      .expect(201);
    expect(approved.body.leaveRequests[0]).toMatchObject({ status: 'approved', decidedBy: 'officer-330521101' });
    const out = await http.post(`${base}/leave-requests/${leave.leaveId}/departure`).set(bearer(homeStaff)).expect(201);
    expect(out.body.status).toBe('on-leave');

    await http
      .post(`/institutions/${home}/closures`)
      .set(bearer(countyOfficer))
      .send({ orderId: 'DQ-CLOSE-002', reason: '疫情封闭管理' })
      .expect(201);
    clock.set('2026-03-04T02:00:00Z');
    const refused = await http.post(`${base}/leave-requests/${leave.leaveId}/return`).set(bearer(homeStaff)).expect(409);
    expect(refused.body).toMatchObject({ error: 'UnitClosed', details: { orderId: 'DQ-CLOSE-002', arrival: 'return-from-leave' } });
    expect((await http.get(base).set(bearer(homeStaff)).expect(200)).body.status).toBe('on-leave');

    await http.post(`/institutions/${home}/reopenings`).set(bearer(countyOfficer)).send({ reopenOrderId: 'DQ-REOPEN-002' }).expect(201);
    const back = await http.post(`${base}/leave-requests/${leave.leaveId}/return`).set(bearer(homeStaff)).expect(201);
    expect(back.body).toMatchObject({
      status: 'isolated',
      isolation: { reason: 'return-from-leave', startedAt: '2026-03-04T02:00:00.000Z', endsOn: '2026-03-18', active: true },
      leaveRequests: [expect.objectContaining({ status: 'returned', overdue: false })],
    });

    clock.set('2026-03-17T15:59:00Z'); // 23:59 on 17 March, Beijing: last day of isolation
    expect((await http.get(base).set(bearer(homeStaff)).expect(200)).body.status).toBe('isolated');
    clock.set('2026-03-17T16:00:00Z'); // 00:00 on 18 March
    expect((await http.get(base).set(bearer(homeStaff)).expect(200)).body).toMatchObject({
      status: 'in-residence',
      isolation: { endsOn: '2026-03-18', active: false },
    });
    clock.set('2026-03-04T02:00:00Z');
  });

  it('answers 400 naming each bad field, without echoing the ID number', async () => {
    const res = await http
      .post(`/institutions/${home}/residents`)
      .set(bearer(homeStaff))
      .send({ name: '', idNumber: '330521195001011238', temperatureC: 50, symptoms: ['sneezing'], extra: 1 })
      .expect(400);
    expect(res.body.error).toBe('ValidationFailed');
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'extra',
      'idNumber',
      'name',
      'symptoms',
      'temperatureC',
    ]);
    expect(res.body.fields.find((f: { field: string }) => f.field === 'idNumber').reasons).toEqual([
      expect.stringContaining('check character'),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('330521195001011238');

    const reading = await http
      .post(`/institutions/${home}/residents/r-none/temperature-readings`)
      .set(bearer(homeStaff))
      .send({ temperatureC: 'hot' })
      .expect(400);
    expect(reading.body.fields).toEqual([{ field: 'temperatureC', reasons: [expect.stringContaining('temperature in °C')] }]);
  });

  it('answers another unit’s staff and another county as for an unknown unit (404), and 404 for a resident of another unit', async () => {
    const listed = await http.get(`/institutions/${relief}/residents`).set(bearer(reliefStaff)).expect(200);
    const reliefResident = listed.body[0].residentId;
    await http.post(`/institutions/${relief}/residents`).set(bearer(homeStaff)).send({ name: '某人', temperatureC: 36.5 }).expect(404);
    await http.get(`/institutions/${relief}/residents/${reliefResident}`).set(bearer(homeStaff)).expect(404);
    await http
      .post(`/institutions/${relief}/residents/${reliefResident}/temperature-readings`)
      .set(bearer(homeStaff))
      .send({ temperatureC: 36.5 })
      .expect(404);
    const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
    await http.get(`/institutions/${relief}/residents`).set(bearer(otherCounty)).expect(404);
    const notHere = await http.get(`/institutions/${home}/residents/${reliefResident}`).set(bearer(homeStaff)).expect(404);
    expect(notHere.body.error).toBe('ResidentNotFound');
  });
});
