import { INestApplication } from '@nestjs/common';
import { AreaRiskLevelChangedV1, AreaRiskTopic, ReliefStatusChangedV1, ReliefStatusTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import fs from 'node:fs';
import request from 'supertest';
import { PersonRegistry } from '../src/people/application/person-registry';
import { countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

describe('people: one person per ID number, masked everywhere, never in events or logs', () => {
  const run = isolatedRun('sr-people');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const statusTopic = names.physical(ReliefStatusTopic.name);
  const riskTopic = names.physical(AreaRiskTopic.name);
  const wang = { name: '王小明', idNumber: idNumber('1950-04-01', 11), phone: '13812345678', divisionCode: '330521101' };
  const written: string[] = [];
  let app: INestApplication;
  let recorder: TopicRecorder;
  let spy: jest.SpyInstance;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    // everything the service writes to stdout / stderr (pino writes with fs.writeSync); this file
    // reads the lines themselves, so they go to stdout rather than the test file's log
    delete process.env.LOG_FILE;
    const original = fs.writeSync;
    spy = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) written.push(String(data));
      return (original as (...a: unknown[]) => number)(fd, data, ...rest);
    }) as typeof fs.writeSync);
    app = await startSocialRelief(run, clock, { LOG_LEVEL: 'debug' });
    recorder = await new TopicRecorder([statusTopic, riskTopic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await app?.close();
    spy.mockRestore();
  });

  it('registers a person once: the same ID number (also in its 15-digit form) is the same person', async () => {
    const first = await http().post('/people').set(bearer(townshipOfficer)).send(wang).expect(201);
    expect(first.body).toMatchObject({
      created: true,
      person: { name: '王**', idNumber: `3305**********${wang.idNumber.slice(-4)}`, phone: '138****5678', age: 75, sex: 'male' },
    });
    const again = await http()
      .post('/people')
      .set(bearer(townshipOfficer))
      .send({ ...wang, name: '王晓明' })
      .expect(201);
    expect(again.body).toMatchObject({ created: false, person: { personId: first.body.person.personId } });
    const old15 = wang.idNumber.slice(0, 6) + wang.idNumber.slice(8, 17);
    const viaOldForm = await http().post('/people/lookups').set(bearer(townshipOfficer)).send({ idNumber: old15 }).expect(200);
    expect(viaOldForm.body.personId).toBe(first.body.person.personId);
  });

  it('refuses a bad checksum, naming the field and the rule but not the number', async () => {
    const bad = wang.idNumber.slice(0, 17) + (wang.idNumber[17] === '0' ? '1' : '0');
    const res = await http()
      .post('/people')
      .set(bearer(townshipOfficer))
      .send({ ...wang, idNumber: bad })
      .expect(400);
    expect(res.body).toMatchObject({ error: 'InvalidIdNumber', details: { field: 'idNumber' } });
    expect(res.body.message).toMatch(/check/i);
    expect(JSON.stringify(res.body)).not.toContain(bad);
  });

  it('scopes people to the caller’s jurisdiction', async () => {
    const found = await http().post('/people/lookups').set(bearer(townshipOfficer)).send({ idNumber: wang.idNumber }).expect(200);
    await http().get(`/people/${found.body.personId}`).set(bearer(otherTownshipOfficer)).expect(404);
    await http().post('/people').set(bearer(otherTownshipOfficer)).send(wang).expect(403);
    // registering the same ID number from another township does not reveal the person there
    const elsewhere = await http()
      .post('/people')
      .set(bearer(otherTownshipOfficer))
      .send({ ...wang, divisionCode: '330521102' })
      .expect(403);
    expect(JSON.stringify(elsewhere.body)).not.toContain(found.body.personId);
    expect(JSON.stringify(elsewhere.body)).not.toContain('330521101');
  });

  it('publishes a register change by person key only', async () => {
    const found = await http().post('/people/lookups').set(bearer(townshipOfficer)).send({ idNumber: wang.idNumber }).expect(200);
    await app
      .get(PersonRegistry)
      .enrol(found.body.personId, { register: 'dibao', sourceType: 'household', sourceId: 'hh-1', from: '2026-03-02' });
    const [m] = await recorder.waitForCount(statusTopic, 1, ReliefStatusChangedV1.type);
    expect(m.json).toEqual({
      personKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      registers: ['dibao'],
      divisionCode: '330521101',
      changedAt: '2026-03-02T02:00:00.000Z',
    });
    expect(m.key).toBe(m.json.personKey);
    const view = await http().get(`/people/${found.body.personId}`).set(bearer(townshipOfficer)).expect(200);
    expect(view.body).toMatchObject({ registers: ['dibao'], registerLabels: ['低保'] });
  });

  it('sets an area risk level (county officers), publishes it, and answers for the areas inside', async () => {
    await http().put('/area-risk-levels/330521101').set(bearer(townshipOfficer)).send({ level: 'high', reason: '通告' }).expect(403);
    await http().put('/area-risk-levels/330521101').set(bearer(countyOfficer)).send({ level: 'severe', reason: '通告' }).expect(400);
    await http()
      .put('/area-risk-levels/330521101')
      .set(bearer(countyOfficer))
      .send({ level: 'high', reason: '县指挥部通告第12号' })
      .expect(200);
    await http().put('/area-risk-levels/330521101').set(bearer(countyOfficer)).send({ level: 'high', reason: '重复' }).expect(409);
    const village = await http().get('/area-risk-levels').query({ divisionCode: '330521101001' }).set(bearer(countyOfficer)).expect(200);
    expect(village.body).toEqual({ divisionCode: '330521101001', level: 'high', label: '高风险', from: '330521101' });
    const [m] = await recorder.waitForCount(riskTopic, 1, AreaRiskLevelChangedV1.type);
    expect(m).toMatchObject({ key: '330521101', json: { level: 'high', previousLevel: 'low', reason: '县指挥部通告第12号' } });
  });

  it('never wrote the ID number, the name or the phone to a log line or an event', async () => {
    await waitFor('the service to have logged something', () => (written.length > 0 ? true : undefined));
    const everything = [...written, ...recorder.messages.map((m) => `${m.value} ${JSON.stringify(m.headers)}`)].join('\n');
    for (const secret of [wang.idNumber, wang.idNumber.slice(0, 6) + wang.idNumber.slice(8, 17), '王小明', '13812345678'])
      expect(everything).not.toContain(secret);
  });
});
