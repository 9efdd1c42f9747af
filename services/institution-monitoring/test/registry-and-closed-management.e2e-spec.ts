import { INestApplication } from '@nestjs/common';
import {
  InstitutionClosedV1,
  InstitutionRegisteredV1,
  InstitutionReopenedV1,
  InstitutionTopic,
  InstitutionUpdatedV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

const contact = (name: string, phone = '13800001111') => ({ name, phone });
const liaisonTeam = {
  bureauLeader: contact('王局'),
  cadres: [contact('李干部'), contact('赵干部')],
  townshipMember: contact('钱委员'),
  onSitePerson: contact('孙驻点'),
  medicalContact: contact('周医生'),
};

const cityOfficer = { sub: 'officer-3305', roles: ['city-officer' as const], jurisdiction: '3305' };

describe('registry edits and closed management, published on the wire', () => {
  const run = isolatedRun('im-registry');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(InstitutionTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    await http()
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send({ ...unit('u-reg-1'), liaisonTeam, isolationRooms: 4 })
      .expect(201);
    for (const [id, division, type] of [
      ['u-reg-2', '330521101', 'elderly-care-home'],
      ['u-reg-3', '330521102', 'elderly-care-home'],
      ['u-reg-4', '330521102', 'relief-station'],
      ['u-reg-5', '330522101', 'elderly-care-home'],
    ]) {
      await http()
        .post('/institutions')
        .set(bearer(cityOfficer))
        .send(unit(id, division, type))
        .expect(201);
    }
  });

  afterAll(async () => {
    await recorder.stop();
    await app?.close();
  });

  it('keeps the liaison team and refuses a team without its two cadres, naming the field', async () => {
    const got = await http().get('/institutions/u-reg-1').set(bearer(countyOfficer)).expect(200);
    expect(got.body).toMatchObject({
      isolationRooms: 4,
      status: 'open',
      liaisonTeam: { cadres: [{ name: '李干部' }, { name: '赵干部' }] },
      supervision: { underRectification: false },
    });
    const bad = await http()
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send({ ...unit('u-reg-x'), liaisonTeam: { ...liaisonTeam, cadres: [contact('一')] } })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('liaisonTeam.cadres');
  });

  it('publishes InstitutionRegistered keyed by unit, with the public fields and none of the contacts', async () => {
    const registered = await recorder.waitForCount(topic, 5, InstitutionRegisteredV1.type);
    const m = registered.find((r) => r.key === 'u-reg-1')!;
    expect(m.headers).toMatchObject({
      ce_type: InstitutionRegisteredV1.type,
      ce_source: InstitutionRegisteredV1.source,
      ce_subject: 'u-reg-1',
      ce_region: '330521101',
      ce_specversion: '1.0',
    });
    expect(m.json).toEqual({
      unitId: 'u-reg-1',
      name: 'u-reg-1 养老院',
      unitType: 'elderly-care-home',
      operator: 'social-capital',
      divisionCode: '330521101',
      beds: 100,
      bedsInUse: 80,
      registeredAt: '2026-03-02T01:00:00.000Z',
    });
    expect(m.value).not.toContain('13800001111');
    expect(m.value).not.toContain('王局');
  });

  it('audits an edit (who, when, before/after) and publishes InstitutionUpdated with the public fields only', async () => {
    clock.set('2026-03-02T03:00:00Z');
    const edited = await http()
      .patch('/institutions/u-reg-1')
      .set(bearer(countyOfficer))
      .send({ bedsInUse: 90, operator: 'public', onSiteCoordinator: contact('吴驻点', '13911112222') })
      .expect(200);
    expect(edited.body).toMatchObject({ bedsInUse: 90, operator: 'public' });
    const audit = await http().get('/institutions/u-reg-1/audit').set(bearer(countyOfficer)).expect(200);
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['registered', 'updated']);
    expect(audit.body[1]).toMatchObject({
      by: countyOfficer.sub,
      at: '2026-03-02T03:00:00.000Z',
      before: { bedsInUse: 80, operator: 'social-capital', onSiteCoordinator: null },
      after: { bedsInUse: 90, operator: 'public' },
    });

    const [m] = await recorder.waitForCount(topic, 1, InstitutionUpdatedV1.type);
    expect(m.key).toBe('u-reg-1');
    expect(m.headers).toMatchObject({
      ce_type: InstitutionUpdatedV1.type,
      ce_source: InstitutionUpdatedV1.source,
      ce_subject: 'u-reg-1',
      ce_region: '330521101',
    });
    expect(m.json).toMatchObject({
      unitId: 'u-reg-1',
      bedsInUse: 90,
      operator: 'public',
      registryVersion: 2,
      changedFields: ['operator', 'bedsInUse', 'onSiteCoordinator'],
    });
    expect(m.value).not.toContain('13911112222');
    expect(m.value).not.toContain('吴驻点');
  });

  it('refuses an edit that changes nothing, and answers one outside the jurisdiction as an unknown unit', async () => {
    await http().patch('/institutions/u-reg-1').set(bearer(countyOfficer)).send({ bedsInUse: 90 }).expect(400);
    await http().patch('/institutions/u-reg-5').set(bearer(countyOfficer)).send({ bedsInUse: 1 }).expect(404);
  });

  it('closes a unit by order, refuses closing it twice, and reopens it, publishing both', async () => {
    clock.set('2026-03-03T00:00:00Z');
    const closed = await http()
      .post('/institutions/u-reg-2/closures')
      .set(bearer(countyOfficer))
      .send({ orderId: 'order-1', reason: '疫情防控' })
      .expect(201);
    expect(closed.body).toMatchObject({ status: 'closed', closure: { orderId: 'order-1', reason: '疫情防控', regionOrderId: null } });
    const again = await http()
      .post('/institutions/u-reg-2/closures')
      .set(bearer(countyOfficer))
      .send({ orderId: 'order-2', reason: 'x' })
      .expect(409);
    expect(again.body).toMatchObject({ error: 'AlreadyClosed' });
    clock.set('2026-03-05T00:00:00Z');
    await http().post('/institutions/u-reg-2/reopenings').set(bearer(countyOfficer)).send({ reopenOrderId: 'reopen-1' }).expect(201);
    await http().post('/institutions/u-reg-2/reopenings').set(bearer(countyOfficer)).send({ reopenOrderId: 'reopen-1' }).expect(409);

    const [c] = await recorder.waitForCount(topic, 1, InstitutionClosedV1.type);
    expect(c).toMatchObject({ key: 'u-reg-2', json: { orderId: 'order-1', regionOrderId: null, closedAt: '2026-03-03T00:00:00.000Z' } });
    const [r] = await recorder.waitForCount(topic, 1, InstitutionReopenedV1.type);
    expect(r).toMatchObject({ key: 'u-reg-2', json: { closedByOrderId: 'order-1', reopenOrderId: 'reopen-1', closedDays: 2 } });
  });

  it('a region-wide order closes every unit of the named types in the region in one step, once, even when re-sent', async () => {
    clock.set('2026-03-06T00:00:00Z');
    const order = { orderId: 'ro-330521-1', divisionCode: '330521', unitTypes: ['elderly-care-home'], reason: '全县养老机构封闭管理' };
    const first = await http().post('/closure-orders').set(bearer(countyOfficer)).send(order).expect(201);
    expect(first.body.closed.sort()).toEqual(['u-reg-1', 'u-reg-2', 'u-reg-3']);
    const resent = await http().post('/closure-orders').set(bearer(countyOfficer)).send(order).expect(201);
    expect(resent.body.closed.sort()).toEqual(['u-reg-1', 'u-reg-2', 'u-reg-3']);

    const relief = await http().get('/institutions/u-reg-4').set(bearer(countyOfficer)).expect(200);
    expect(relief.body.status).toBe('open'); // another type
    await http()
      .post('/closure-orders')
      .set(bearer(countyOfficer))
      .send({ ...order, unitTypes: ['relief-station'] })
      .expect(409); // same id, other terms

    await app.get(OutboxRelay).flush();
    const closures = await recorder.waitForCount(topic, 4, InstitutionClosedV1.type);
    const byOrder = closures.filter((m) => m.json.regionOrderId === 'ro-330521-1');
    expect(byOrder.map((m) => m.key).sort()).toEqual(['u-reg-1', 'u-reg-2', 'u-reg-3']);

    const lifted = await http()
      .post('/closure-orders/ro-330521-1/lift')
      .set(bearer(countyOfficer))
      .send({ reopenOrderId: 'lift-1' })
      .expect(200);
    expect(lifted.body.reopened.sort()).toEqual(['u-reg-1', 'u-reg-2', 'u-reg-3']);
    await waitFor(
      'three reopenings by the lift',
      () => recorder.of(topic, InstitutionReopenedV1.type).filter((m) => m.json.reopenOrderId === 'lift-1').length === 3 || undefined,
    );
  });

  it('refuses a region-wide order outside the jurisdiction and bad input, naming the field', async () => {
    await http()
      .post('/closure-orders')
      .set(bearer(countyOfficer))
      .send({ orderId: 'ro-x', divisionCode: '330522', unitTypes: ['elderly-care-home'], reason: 'x' })
      .expect(403);
    const bad = await http()
      .post('/closure-orders')
      .set(bearer(countyOfficer))
      .send({ orderId: 'ro-y', divisionCode: '330521', unitTypes: ['castle'], reason: 'x' })
      .expect(400);
    expect(bad.body.fields[0].field).toBe('unitTypes');
  });

  it('serves its OpenAPI document at /docs-json, with request schemas from the validation rules', async () => {
    const doc = await http().get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/institutions', '/closure-orders', '/institutions/{unitId}/daily-reports/{reportDate}', '/reporting-rates']),
    );
    expect(doc.body.components.schemas.IssueClosureOrderRequest.required).toEqual(
      expect.arrayContaining(['orderId', 'divisionCode', 'unitTypes', 'reason']),
    );
  });
});
