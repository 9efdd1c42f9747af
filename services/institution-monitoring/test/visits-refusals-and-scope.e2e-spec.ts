import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

/** Admits a resident through the residents endpoint; its id is the one the service assigns. */
async function admit(http: ReturnType<typeof request>, unitId: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http
    .post(`/institutions/${unitId}/residents`)
    .set(bearer(countyOfficer))
    .send({ name: '张桂兰', ...body })
    .expect(201);
  return res.body.residentId;
}

function visit(residentId: string, date: string, slotStart: string, over: Record<string, unknown> = {}) {
  return {
    residentId,
    date,
    slotStart,
    visitor: { name: '李明', phone: '13812345678', relation: 'child' },
    healthDeclaration: { symptoms: false, temperatureC: 36.5 },
    ...over,
  };
}

describe('visits: refusals named by their rule, input checked, callers kept to their units', () => {
  const run = isolatedRun('im-visit-rules');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // Monday 09:00 in Beijing
  const desk = { sub: 'staff-u-vis-a', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-vis-a' };
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const r: Record<string, string> = {};

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    for (const u of ['u-vis-a', 'u-vis-b', 'u-vis-closed'])
      await http.post('/institutions').set(bearer(countyOfficer)).send(unit(u)).expect(201);
    r.a1 = await admit(http, 'u-vis-a');
    r.a2 = await admit(http, 'u-vis-a');
    // a cough at admission puts the resident on the symptom path: isolated in the unit
    r.isolated = await admit(http, 'u-vis-a', { temperatureC: 36.8, symptoms: ['cough'] });
    r.gone = await admit(http, 'u-vis-a');
    await http.post(`/institutions/u-vis-a/residents/${r.gone}/discharge`).set(bearer(countyOfficer)).expect(201);
    r.b1 = await admit(http, 'u-vis-b');
    r.c1 = await admit(http, 'u-vis-closed');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses every visit while the unit is under closed management, naming the order', async () => {
    await http
      .post('/institutions/u-vis-closed/visits')
      .set(bearer(countyOfficer))
      .send(visit(r.c1, '2026-03-03', '10:00'))
      .expect(201);
    await http
      .post('/institutions/u-vis-closed/closures')
      .set(bearer(countyOfficer))
      .send({ orderId: 'ORD-2026-017', reason: '辖区出现确诊病例' })
      .expect(201);
    const refused = await http
      .post('/institutions/u-vis-closed/visits')
      .set(bearer(countyOfficer))
      .send(visit(r.c1, '2026-03-04', '10:00'))
      .expect(409);
    expect(refused.body).toMatchObject({
      error: 'UnitClosed',
      details: { rule: 'closed-management', orderId: 'ORD-2026-017', arrival: 'visit' },
    });
    expect(refused.body.message).toContain('封闭管理');
  });

  it('refuses a visitor declaring symptoms, a fever at the regional threshold, or close contact', async () => {
    const symptoms = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-03', '10:00', { healthDeclaration: { symptoms: true } }))
      .expect(409);
    expect(symptoms.body).toMatchObject({ error: 'VisitorHasSymptoms', details: { rule: 'health-declaration' } });
    const fever = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-03', '10:00', { healthDeclaration: { symptoms: false, temperatureC: 37.3 } }))
      .expect(409);
    expect(fever.body).toMatchObject({ error: 'VisitorFeverish', details: { rule: 'fever-threshold', thresholdC: 37.3 } });
    await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-03', '10:00', { healthDeclaration: { symptoms: false, closeContact: true } }))
      .expect(409);
    const slots = await http.get('/institutions/u-vis-a/visit-slots?date=2026-03-03').set(bearer(desk)).expect(200);
    expect(slots.body.dailyBooked).toBe(0);
  });

  it('refuses a resident who cannot receive visits, and one the unit does not have', async () => {
    const isolated = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.isolated, '2026-03-03', '10:00'))
      .expect(409);
    expect(isolated.body).toMatchObject({ error: 'ResidentCannotReceiveVisits', details: { status: 'isolated' } });
    await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.gone, '2026-03-03', '10:00'))
      .expect(409);
    // r-b1 lives in another unit
    const unknown = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.b1, '2026-03-03', '10:00'))
      .expect(404);
    expect(unknown.body.error).toBe('ResidentNotFound');
  });

  it('refuses a slot that is over and a time off the grid', async () => {
    clock.set('2026-03-02T02:30:00Z'); // 10:30 in Beijing: the 10:00 slot has just ended
    const over = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-02', '10:00'))
      .expect(409);
    expect(over.body).toMatchObject({ error: 'SlotInPast', details: { rule: 'slot-in-past' } });
    await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-01', '15:00'))
      .expect(409);
    await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-03', '10:15'))
      .expect(400);
    const ok = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send(visit(r.a1, '2026-03-02', '10:30'))
      .expect(201);
    const slots = await http.get('/institutions/u-vis-a/visit-slots?date=2026-03-02').set(bearer(desk)).expect(200);
    expect(slots.body.slots.find((s: { start: string }) => s.start === '10:00')).toMatchObject({ remaining: 4, open: false });
    expect(slots.body.slots.find((s: { start: string }) => s.start === '10:30')).toMatchObject({ booked: 1, remaining: 3, open: true });
    expect(ok.body.visitId).toMatch(/^v-20260302-1030-/);
  });

  it('answers 400 naming each bad field', async () => {
    const res = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send({
        residentId: r.a1,
        date: '3/3/2026',
        slotStart: '10:00',
        visitor: { name: '', phone: '12345', relation: 'neighbour' },
        healthDeclaration: { temperatureC: 36.55 },
      })
      .expect(400);
    expect(res.body.error).toBe('ValidationFailed');
    const fields = res.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual([
      'date',
      'healthDeclaration.symptoms',
      'healthDeclaration.temperatureC',
      'visitor.name',
      'visitor.phone',
      'visitor.relation',
    ]);
    expect(res.body.fields.find((f: { field: string }) => f.field === 'healthDeclaration.symptoms').reasons).toEqual([
      'must be declared (true or false)',
    ]);
    const noVisitor = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(desk))
      .send({ ...visit(r.a1, '2026-03-03', '10:00'), visitor: undefined })
      .expect(400);
    expect(noVisitor.body.fields).toEqual([{ field: 'visitor', reasons: ['must be given'] }]);
    const badDate = await http.get('/institutions/u-vis-a/visit-slots?date=2026-02-30').set(bearer(desk)).expect(400);
    expect(badDate.body).toMatchObject({ error: 'InvalidDate', details: { field: 'date' } });
  });

  it('answers another unit’s staff and an officer of another county as for an unknown unit (404), and refuses a role that may not register (403)', async () => {
    const otherStaff = { sub: 'staff-u-vis-b', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-vis-b' };
    const res = await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(otherStaff))
      .send(visit(r.a2, '2026-03-03', '11:00'))
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'UnitNotFound',
      message: 'no unit u-vis-a in the registry',
      details: { unitId: 'u-vis-a' },
    });
    await http.get('/institutions/u-vis-a/visit-slots?date=2026-03-03').set(bearer(otherStaff)).expect(404);
    await http.get('/institutions/u-vis-a/visits?date=2026-03-02').set(bearer(otherStaff)).expect(404);
    const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
    await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(otherCounty))
      .send(visit(r.a2, '2026-03-03', '11:00'))
      .expect(404);
    const discipline = { sub: 'd-1', roles: ['discipline-officer' as const], jurisdiction: '330521' };
    await http
      .post('/institutions/u-vis-a/visits')
      .set(bearer(discipline))
      .send(visit(r.a2, '2026-03-03', '11:00'))
      .expect(403);
    await http
      .post('/institutions/u-vis-none/visits')
      .set(bearer(countyOfficer))
      .send(visit(r.a2, '2026-03-03', '11:00'))
      .expect(404);
  });

  it('lists visits with the visitor’s phone masked', async () => {
    const listed = await http.get('/institutions/u-vis-a/visits?date=2026-03-02').set(bearer(countyOfficer)).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({
      residentId: r.a1,
      status: 'booked',
      visitor: { name: '李明', phone: '138****5678', relation: 'child' },
    });
    expect(JSON.stringify(listed.body)).not.toContain('13812345678');
  });

  it('checks a visitor in at the door only when masked and without fever', async () => {
    const [booked] = (await http.get('/institutions/u-vis-a/visits?date=2026-03-02').set(bearer(desk)).expect(200)).body;
    const hot = await http
      .post(`/institutions/u-vis-a/visits/${booked.visitId}/arrival`)
      .set(bearer(desk))
      .send({ temperatureC: 37.5, maskWorn: true })
      .expect(409);
    expect(hot.body.error).toBe('VisitorFeverish');
    const bare = await http
      .post(`/institutions/u-vis-a/visits/${booked.visitId}/arrival`)
      .set(bearer(desk))
      .send({ temperatureC: 36.4, maskWorn: false })
      .expect(409);
    expect(bare.body.error).toBe('MaskRequired');
    const arrived = await http
      .post(`/institutions/u-vis-a/visits/${booked.visitId}/arrival`)
      .set(bearer(desk))
      .send({ temperatureC: 36.4, maskWorn: true })
      .expect(201);
    expect(arrived.body).toMatchObject({ status: 'arrived', arrival: { temperatureC: 36.4, maskWorn: true } });
    await http
      .post('/institutions/u-vis-a/visits/v-20260302-1030-zzzz/arrival')
      .set(bearer(desk))
      .send({ temperatureC: 36.4, maskWorn: true })
      .expect(404);
  });
});
