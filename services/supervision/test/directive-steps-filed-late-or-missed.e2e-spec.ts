import { INestApplication } from '@nestjs/common';
import { DirectiveIssuedV1, DirectiveStepFiledV1, DirectiveStepMissedV1, DirectiveTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { Role } from '@civil/platform';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { startSupervision, upstream } from './support';

const who = (role: Role, jurisdiction: string) => ({ sub: `${role}-${jurisdiction}`, roles: [role], jurisdiction });
const city = who('city-officer', '3305');
const admin = who('admin', '33');
const county = (code: string) => who('county-officer', code);

/** Day D = 2026-03-02 (Shanghai); 16:00Z is Shanghai midnight. */
describe('directives: received on D, implementing document due D, status report due D+1', () => {
  const run = isolatedRun('sv-dir');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const up = upstream(run);
  const topic = up.names.physical(DirectiveTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let directiveId: string;

  const of = (type: string) =>
    recorder
      .of(topic, type)
      .filter((m) => m.key === directiveId)
      .map((m) => m.json);
  const missed = () =>
    of(DirectiveStepMissedV1.type)
      .map((e) => `${e.divisionCode}:${e.step}:${e.dueDate}`)
      .sort();
  const filed = () => of(DirectiveStepFiledV1.type);
  const sweep = async () => (await http.post('/directives/missed-sweep').set(bearer(admin)).expect(200)).body;
  const fileDocument = (code: string) =>
    http
      .post(`/directives/${directiveId}/implementations`)
      .set(bearer(county(code)))
      .send({ divisionCode: code, documentRef: `${code}民发〔2026〕3号`, title: '关于落实防控工作的实施方案' });
  const fileReport = (code: string) =>
    http
      .post(`/directives/${directiveId}/status-reports`)
      .set(bearer(county(code)))
      .send({ divisionCode: code, summary: '已召开专题会议部署，完成全部机构排查' });
  const waitFiled = (code: string, step: string) =>
    waitFor(`${code} ${step} filed on Kafka`, () => filed().find((e) => e.divisionCode === code && e.step === step));

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('refuses bad input by field, and targets outside or not below the issuer', async () => {
    const bad = await http
      .post('/directives')
      .set(bearer(city))
      .send({ title: '', receivedOn: '2026-3-2', targets: ['33052x'] })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['issuedBy', 'receivedOn', 'targets', 'title']);
    const body = { title: '通知', issuedBy: '市民政局办公室', receivedOn: '2026-03-02' };
    expect(
      (
        await http
          .post('/directives')
          .set(bearer(city))
          .send({ ...body, targets: ['330603'] })
          .expect(403)
      ).body.error,
    ).toBe('OutsideJurisdiction');
    expect(
      (
        await http
          .post('/directives')
          .set(bearer(city))
          .send({ ...body, targets: ['3305'] })
          .expect(400)
      ).body,
    ).toMatchObject({ error: 'TargetNotBelowIssuer', details: { field: 'targets' } });
    expect(
      (
        await http
          .post('/directives')
          .set(bearer(city))
          .send({ ...body, receivedOn: '2026-02-30', targets: ['330521'] })
          .expect(400)
      ).body.details,
    ).toEqual({ field: 'receivedOn' });
    await http
      .post('/directives')
      .set(bearer(who('township-officer', '330521101')))
      .send({ ...body, targets: ['330521101001'] })
      .expect(403);
  });

  it('publishes DirectiveIssued and shows the directive to the issuer and the targets only', async () => {
    const issued = (
      await http
        .post('/directives')
        .set(bearer(city))
        .send({
          title: '关于进一步加强养老机构疫情防控工作的通知',
          issuedBy: '市民政局办公室',
          receivedOn: '2026-03-02',
          targets: ['330521', '330522', '330523'],
        })
        .expect(201)
    ).body;
    directiveId = issued.directiveId;
    expect(issued.targets[0].steps['implementing-document']).toMatchObject({
      dueDate: '2026-03-02',
      state: 'pending',
      stateLabel: '未到期',
      stepLabel: '落实文件',
    });
    expect(issued.targets[0].steps['status-report']).toMatchObject({ dueDate: '2026-03-03', state: 'pending' });
    const [event] = await recorder.waitForCount(topic, 1, DirectiveIssuedV1.type);
    expect(event.json).toMatchObject({
      directiveId,
      issuedBy: '市民政局办公室',
      divisionCode: '3305',
      receivedOn: '2026-03-02',
      targets: ['330521', '330522', '330523'],
    });
    expect(event.key).toBe(directiveId);

    const seenBy = async (p: ReturnType<typeof who>) =>
      (await http.get('/directives').set(bearer(p)).expect(200)).body.map((d: { directiveId: string }) => d.directiveId);
    expect(await seenBy(county('330521'))).toEqual([directiveId]);
    expect(await seenBy(who('province-officer', '33'))).toEqual([directiveId]);
    expect(await seenBy(county('330681'))).toEqual([]);
    expect(await seenBy(who('township-officer', '330521101'))).toEqual([]);
    await http
      .get(`/directives/${directiveId}`)
      .set(bearer(county('330681')))
      .expect(404);
  });

  it('publishes each step once: on time, late after a miss, or missed', async () => {
    // 330521 files its document on D; 330522 and 330523 do not
    clock.set(new Date('2026-03-02T09:00:00Z'));
    await fileDocument('330521').expect(201);
    expect(await waitFiled('330521', 'implementing-document')).toMatchObject({
      dueDate: '2026-03-02',
      late: false,
      filedAt: '2026-03-02T09:00:00.000Z',
    });
    expect((await fileDocument('330521').expect(409)).body.error).toBe('StepAlreadyFiled');
    await http
      .post(`/directives/${directiveId}/implementations`)
      .set(bearer(county('330522')))
      .send({ divisionCode: '330521', documentRef: 'x', title: 'y' })
      .expect(403);
    expect(
      (
        await http
          .post(`/directives/${directiveId}/status-reports`)
          .set(bearer(county('330522')))
          .send({ divisionCode: '330522' })
          .expect(400)
      ).body.fields[0].field,
    ).toBe('summary');
    expect((await fileReport('330522').expect(409)).body.error).toBe('ImplementingDocumentFirst');

    // still D: nothing is missed yet
    clock.set(new Date('2026-03-02T15:59:00Z'));
    expect((await sweep()).recorded).toBe(0);

    // D+1 00:30: two documents missed; a second sweep finds nothing new
    clock.set(new Date('2026-03-02T16:30:00Z'));
    expect(await sweep()).toEqual({ today: '2026-03-03', recorded: 2 });
    expect(await sweep()).toEqual({ today: '2026-03-03', recorded: 0 });

    // D+1: 330522 files its document late, both 330521 and 330522 report on time
    clock.set(new Date('2026-03-03T02:00:00Z'));
    await fileDocument('330522').expect(201);
    await fileReport('330521').expect(201);
    await fileReport('330522').expect(201);
    expect(await waitFiled('330522', 'implementing-document')).toMatchObject({ dueDate: '2026-03-02', late: true });
    expect(await waitFiled('330521', 'status-report')).toMatchObject({ dueDate: '2026-03-03', late: false });
    expect(await waitFiled('330522', 'status-report')).toMatchObject({ dueDate: '2026-03-03', late: false });
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp(); // a stray miss from the second sweep, had there been one, is recorded by now
    expect(missed()).toEqual(['330522:implementing-document:2026-03-02', '330523:implementing-document:2026-03-02']);
    const [oneMiss] = of(DirectiveStepMissedV1.type);
    expect(oneMiss).toMatchObject({ directiveId, detectedAt: '2026-03-02T16:30:00.000Z' });

    // D+2: only 330523's report is missed, once
    clock.set(new Date('2026-03-03T16:05:00Z'));
    expect((await sweep()).recorded).toBe(1);
    expect((await sweep()).recorded).toBe(0);
    clock.set(new Date('2026-03-04T01:00:00Z'));
    await fileDocument('330523').expect(201);
    expect(await waitFiled('330523', 'implementing-document')).toMatchObject({ late: true });
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(missed()).toEqual([
      '330522:implementing-document:2026-03-02',
      '330523:implementing-document:2026-03-02',
      '330523:status-report:2026-03-03',
    ]);
    expect(filed()).toHaveLength(4 + 1);
    expect(of(DirectiveIssuedV1.type)).toHaveLength(1);
  });

  it('shows each target’s steps as on time, late, or missing', async () => {
    const d = (await http.get(`/directives/${directiveId}`).set(bearer(city)).expect(200)).body;
    const state = (code: string) => {
      const t = d.targets.find((x: { divisionCode: string }) => x.divisionCode === code);
      return [t.steps['implementing-document'].state, t.steps['status-report'].state];
    };
    expect(state('330521')).toEqual(['on-time', 'on-time']);
    expect(state('330522')).toEqual(['late', 'on-time']);
    expect(state('330523')).toEqual(['late', 'missing']);
    const t523 = d.targets.find((x: { divisionCode: string }) => x.divisionCode === '330523');
    expect(t523.steps['status-report']).toMatchObject({
      stateLabel: '未报送',
      missedRecordedAt: '2026-03-03T16:05:00.000Z',
      filedAt: null,
    });
    expect(t523.steps['implementing-document']).toMatchObject({ stateLabel: '逾期报送', documentRef: '330523民发〔2026〕3号' });
  });
});
