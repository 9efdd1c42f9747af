import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('seed 002 入住的服务对象不离院外出: no departures while the unit is closed, except an approved medical outing', () => {
  const run = isolatedRun('im-closed-departures');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing, 2 March
  const home = 'u-closed-dep';
  const staff = { sub: 'staff-closed-dep', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: home };
  const townshipOfficer = { sub: 'officer-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(home)).expect(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  async function approvedLeave(name: string, purpose?: 'medical' | 'personal') {
    const admitted = await http.post(`/institutions/${home}/residents`).set(bearer(staff)).send({ name }).expect(201);
    const base = `/institutions/${home}/residents/${admitted.body.residentId}`;
    const requested = await http
      .post(`${base}/leave-requests`)
      .set(bearer(staff))
      .send({
        ...(purpose ? { purpose } : {}),
        reason: purpose === 'medical' ? '外出看病' : '回家',
        fromDate: '2026-03-02',
        untilDate: '2026-03-03',
      })
      .expect(201);
    const leaveId = requested.body.leaveRequests[0].leaveId;
    await http.post(`${base}/leave-requests/${leaveId}/approval`).set(bearer(townshipOfficer)).send({ decision: 'approved' }).expect(201);
    return { base, leaveId };
  }

  it('refuses a personal departure while closed (409 UnitClosed naming the order), lets a medical outing go and isolates its return 14 days', async () => {
    const personal = await approvedLeave('钱一');
    const medical = await approvedLeave('孙二', 'medical');
    await http
      .post(`/institutions/${home}/closures`)
      .set(bearer(countyOfficer))
      .send({ orderId: 'DQ-DEP-001', reason: '疫情封闭管理' })
      .expect(201);

    const refused = await http.post(`${personal.base}/leave-requests/${personal.leaveId}/departure`).set(bearer(staff)).expect(409);
    expect(refused.body).toMatchObject({
      error: 'UnitClosed',
      details: { orderId: 'DQ-DEP-001', rule: 'closed-management', departure: 'personal' },
    });
    expect(refused.body.message).toContain('DQ-DEP-001');
    expect((await http.get(personal.base).set(bearer(staff)).expect(200)).body.status).toBe('in-residence');

    const out = await http.post(`${medical.base}/leave-requests/${medical.leaveId}/departure`).set(bearer(staff)).expect(201);
    expect(out.body).toMatchObject({
      status: 'on-leave',
      leaveRequests: [
        expect.objectContaining({ purpose: 'medical', purposeLabel: '外出看病', status: 'out', decidedBy: 'officer-330521101' }),
      ],
    });

    clock.set('2026-03-03T02:00:00Z');
    const back = await http.post(`${medical.base}/leave-requests/${medical.leaveId}/return`).set(bearer(staff)).expect(201);
    expect(back.body).toMatchObject({
      status: 'isolated',
      isolation: { reason: 'return-from-leave', startedAt: '2026-03-03T02:00:00.000Z', endsOn: '2026-03-17', active: true },
      leaveRequests: [expect.objectContaining({ status: 'returned' })],
    });

    await http.post(`/institutions/${home}/reopenings`).set(bearer(countyOfficer)).send({ reopenOrderId: 'DQ-DEP-R01' }).expect(201);
    const gone = await http.post(`${personal.base}/leave-requests/${personal.leaveId}/departure`).set(bearer(staff)).expect(201);
    expect(gone.body.status).toBe('on-leave');
  });

  it('still needs the approval for a medical outing while closed, and refuses an unknown purpose with 400 naming the field', async () => {
    const admitted = await http.post(`/institutions/${home}/residents`).set(bearer(staff)).send({ name: '李三' }).expect(201);
    await http
      .post(`/institutions/${home}/closures`)
      .set(bearer(countyOfficer))
      .send({ orderId: 'DQ-DEP-002', reason: '疫情封闭管理' })
      .expect(201);
    const base = `/institutions/${home}/residents/${admitted.body.residentId}`;
    const requested = await http
      .post(`${base}/leave-requests`)
      .set(bearer(staff))
      .send({ purpose: 'medical', reason: '复诊', fromDate: '2026-03-03', untilDate: '2026-03-03' })
      .expect(201);
    const leaveId = requested.body.leaveRequests[0].leaveId;
    const notYet = await http.post(`${base}/leave-requests/${leaveId}/departure`).set(bearer(staff)).expect(409);
    expect(notYet.body.error).toBe('LeaveNotApproved');

    const bad = await http
      .post(`${base}/leave-requests`)
      .set(bearer(staff))
      .send({ purpose: 'shopping', reason: 'x', fromDate: '2026-03-03', untilDate: '2026-03-03' })
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'purpose', reasons: ['must be one of: medical, personal'] }]);
  });
});
