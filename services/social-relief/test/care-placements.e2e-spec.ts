import { INestApplication } from '@nestjs/common';
import {
  CarePlacementTopic,
  ChildPlacementEndedV1,
  ChildPlacementOverdueClearedV1,
  ChildPlacementOverdueV1,
  ChildPlacementRequestedV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { CarePlacementRepository } from '../src/care-placements/infrastructure/care-placement.repository';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
const child = { name: '周小雨', idNumber: idNumber('2016-04-09', 62) };
const carer = { name: '周桂兰', phone: '13700001111', relation: '祖母' };
const H = 60 * 60 * 1000;

describe('care placements: a child left without care is placed with an entrusted carer, visited, the guardian returns, followed up', () => {
  const run = isolatedRun('sr-care');
  const clock = new SettableClock('2026-03-04T03:00:00Z'); // 11:00 Beijing
  const names = new TopicNames(run.topicPrefix);
  const topic = names.physical(CarePlacementTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  async function childWithFlag(body: Record<string, unknown>, categories = ['left-behind-child']) {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...child, idNumber: idNumber('2016-04-09', 60 + Math.floor(Math.random() * 900)), categories })
      .expect(201);
    const entryId = added.body.entry.entryId as string;
    await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/flags`)
      .set(bearer(townshipOfficer))
      .send({ flag: 'no-guardian', finding: '监护人被隔离收治，儿童无人照料', ...body })
      .expect(201);
    return entryId;
  }

  const placementOf = (entryId: string) =>
    waitFor(`the placement of ${entryId}`, async () => {
      const got = await http().get('/care-placements').query({ entryId }).set(bearer(countyOfficer)).expect(200);
      return got.body.placements[0] as Record<string, any> | undefined;
    });

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('opens with the flag and its cause; 400 names the field; another county sees 404; no cause, no placement', async () => {
    const bad = await http()
      .post('/key-person-lists/330521101/entries/kp-x/flags')
      .set(bearer(townshipOfficer))
      .send({ flag: 'no-guardian', finding: '无人照料', cause: 'guardian-away' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('cause');

    const entryId = await childWithFlag({ cause: 'guardian-isolated' });
    const p = await placementOf(entryId);
    expect(p).toMatchObject({
      status: 'needed',
      statusLabel: '待安置',
      cause: 'guardian-isolated',
      causeLabel: '监护人被隔离',
      limitHours: 24,
      openedAt: '2026-03-04T03:00:00.000Z',
      dueAt: '2026-03-05T03:00:00.000Z',
      overdue: false,
      care: null,
    });
    await http().get(`/care-placements/${p.placementId}`).set(bearer(otherCounty)).expect(404);
    await http().get(`/care-placements/${p.placementId}`).set(bearer(otherTownshipOfficer)).expect(404);
    await http().post(`/care-placements/${p.placementId}/end`).set(bearer(otherCounty)).send({ reason: 'guardian-returned' }).expect(404);
    const missing = await http()
      .post(`/care-placements/${p.placementId}/entrusted-carer`)
      .set(bearer(townshipOfficer))
      .send({})
      .expect(400);
    expect(JSON.stringify(missing.body)).toContain('carer');

    // the same flag without a cause, or on an adult, opens nothing
    const plain = await childWithFlag({});
    const elderly = await childWithFlag({ cause: 'guardian-hospitalised' }, ['empty-nest-elderly']);
    await recorder.caughtUp();
    const repo = app.get(CarePlacementRepository);
    expect(await repo.list({ jurisdiction: '33', entryId: plain, limit: 5 })).toEqual([]);
    expect(await repo.list({ jurisdiction: '33', entryId: elderly, limit: 5 })).toEqual([]);
    const wrong = await http()
      .post(`/key-person-lists/330521101/entries/${plain}/flags`)
      .set(bearer(townshipOfficer))
      .send({ flag: 'safety-issue', finding: '独自在家', cause: 'guardian-isolated' })
      .expect(400);
    expect(wrong.body).toMatchObject({ error: 'CauseWithoutNoGuardian' });
  });

  it('opens the same way from a no-guardian flag found on a visit or given when the child is added', async () => {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({
        ...child,
        idNumber: idNumber('2016-04-09', 950),
        categories: ['orphan'],
        riskFlags: ['no-guardian'],
        finding: '代养人住院治疗，儿童无人照料',
        cause: 'guardian-hospitalised',
      })
      .expect(201);
    expect((await placementOf(added.body.entry.entryId as string)).cause).toBe('guardian-hospitalised');

    const visited = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...child, idNumber: idNumber('2016-04-09', 952), categories: ['child-in-difficulty'] })
      .expect(201);
    const entryId = visited.body.entry.entryId as string;
    const wrong = await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/visits`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'home-visit', findings: '独自在家', flags: ['safety-issue'], cause: 'guardian-isolated' })
      .expect(400);
    expect(wrong.body).toMatchObject({ error: 'CauseWithoutNoGuardian' });
    await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/visits`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'home-visit', findings: '监护人被隔离，儿童独自在家', flags: ['no-guardian'], cause: 'guardian-isolated' })
      .expect(201);
    expect((await placementOf(entryId)).cause).toBe('guardian-isolated');
  });

  it('entrusted carer: placed (carer masked, never published), visited on the cadence, ended, followed up on the entry', async () => {
    const entryId = await childWithFlag({ cause: 'guardian-hospitalised' });
    const p = await placementOf(entryId);
    const placed = await http()
      .post(`/care-placements/${p.placementId}/entrusted-carer`)
      .set(bearer(townshipOfficer))
      .send({ carer })
      .expect(200);
    expect(placed.body).toMatchObject({
      status: 'placed',
      statusLabel: '已安置',
      care: {
        kind: 'entrusted-carer',
        kindLabel: '委托照料',
        carer: { name: '周**', phone: '137****1111', relation: '祖母' },
        visitCadenceDays: 3,
        nextVisitDueAt: '2026-03-07T03:00:00.000Z',
        visitOverdue: false,
      },
    });
    expect(JSON.stringify(placed.body)).not.toContain(carer.name);
    const stored = JSON.stringify(await app.get(CarePlacementRepository).get(p.placementId));
    expect(stored).not.toContain(carer.name);
    expect(stored).not.toContain(carer.phone);
    const twice = await http()
      .post(`/care-placements/${p.placementId}/entrusted-carer`)
      .set(bearer(townshipOfficer))
      .send({ carer })
      .expect(409);
    expect(twice.body).toMatchObject({ error: 'PlacementNotInState' });

    advance(48 * H);
    const visited = await http()
      .post(`/care-placements/${p.placementId}/carer-visits`)
      .set(bearer(townshipOfficer))
      .send({ findings: '照料良好，按时上网课' })
      .expect(200);
    expect(visited.body.care).toMatchObject({ nextVisitDueAt: '2026-03-09T03:00:00.000Z', visitOverdue: false });
    expect(visited.body.care.visits).toHaveLength(1);

    // too early for a follow-up; the guardian comes back
    await http()
      .post(`/care-placements/${p.placementId}/follow-up`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'home-visit', findings: 'x' })
      .expect(409);
    advance(24 * H);
    const ended = await http()
      .post(`/care-placements/${p.placementId}/end`)
      .set(bearer(townshipOfficer))
      .send({ reason: 'guardian-returned' })
      .expect(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      endReason: 'guardian-returned',
      endReasonLabel: '监护人返家',
      endedAt: '2026-03-07T03:00:00.000Z',
      followUpDueAt: '2026-03-14T03:00:00.000Z',
      followUpOverdue: false,
    });
    const endedEvents = await recorder.waitForKey(topic, p.placementId, 1, ChildPlacementEndedV1.type);
    expect(endedEvents[0].json).toEqual({
      placementId: p.placementId,
      childRef: p.childRef,
      divisionCode: '330521101',
      unitId: null,
      requestNo: null,
      endedAt: '2026-03-07T03:00:00.000Z',
    });

    advance(8 * 24 * H);
    const late = await http().get(`/care-placements/${p.placementId}`).set(bearer(countyOfficer)).expect(200);
    expect(late.body).toMatchObject({ followUpOverdue: true });
    const early = await http()
      .post(`/care-placements/${p.placementId}/follow-up`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'home-visit', findings: '监护人返家', visitedAt: '2026-03-06T03:00:00.000Z' })
      .expect(400);
    expect(early.body).toMatchObject({ error: 'FollowUpBeforeEnd' });
    const followed = await http()
      .post(`/care-placements/${p.placementId}/follow-up`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'home-visit', findings: '监护人已返家，儿童生活正常' })
      .expect(200);
    expect(followed.body).toMatchObject({ status: 'followed-up', statusLabel: '已回访', followUpOverdue: false });
    const entry = await http().get(`/key-person-lists/330521101/entries/${entryId}`).set(bearer(townshipOfficer)).expect(200);
    expect(JSON.stringify(entry.body)).toContain(followed.body.followUp.visitId);
    expect(JSON.stringify(entry.body)).toContain('监护人已返家，儿童生活正常');

    // nothing personal on the wire
    const wire = JSON.stringify(recorder.messages.map((m) => m.json));
    for (const secret of [child.name, carer.name, carer.phone]) expect(wire).not.toContain(secret);
  });

  it('a unit request goes out as ChildPlacementRequested; not placed within the limit: overdue once; the guardian back before any answer clears it and releases the unit', async () => {
    const entryId = await childWithFlag({ cause: 'guardian-isolated' });
    const p = await placementOf(entryId);
    const requested = await http()
      .post(`/care-placements/${p.placementId}/unit-requests`)
      .set(bearer(countyOfficer))
      .send({ unitId: 'u-330521-cw01' })
      .expect(200);
    expect(requested.body).toMatchObject({
      status: 'requested',
      requests: [{ requestNo: 1, unitId: 'u-330521-cw01', outcome: 'pending' }],
    });
    const out = await recorder.waitForKey(topic, p.placementId, 1, ChildPlacementRequestedV1.type);
    expect(out[0].json).toEqual({
      placementId: p.placementId,
      childRef: p.childRef,
      divisionCode: '330521101',
      unitId: 'u-330521-cw01',
      requestNo: 1,
      requestedAt: clock.now().toISOString(),
    });
    const pending = await http()
      .post(`/care-placements/${p.placementId}/entrusted-carer`)
      .set(bearer(townshipOfficer))
      .send({ carer })
      .expect(409);
    expect(pending.body).toMatchObject({ error: 'RequestPending' });
    await http().post(`/care-placements/${p.placementId}/unit-requests`).set(bearer(countyOfficer)).send({ unitId: '!' }).expect(400);

    // nobody answers: past the 24 h limit the sweep signals it, once across sweeps
    clock.set(new Date(new Date(p.dueAt).getTime() + 60_000));
    const first = await http().post('/care-placements/overdue-sweeps').set(bearer(admin)).expect(200);
    expect(first.body.recorded).toBeGreaterThanOrEqual(1);
    await http().post('/care-placements/overdue-sweeps').set(bearer(admin)).expect(200);
    const overdue = await recorder.waitForKey(topic, p.placementId, 1, ChildPlacementOverdueV1.type);
    expect(overdue[0].json).toMatchObject({ placementId: p.placementId, cause: 'guardian-isolated', limitHours: 24, dueAt: p.dueAt });
    await recorder.caughtUp();
    expect(recorder.of(topic, ChildPlacementOverdueV1.type).filter((m) => m.key === p.placementId)).toHaveLength(1);
    const shown = await http().get(`/care-placements/${p.placementId}`).set(bearer(countyOfficer)).expect(200);
    expect(shown.body).toMatchObject({ overdue: true, status: 'requested' });

    const ended = await http()
      .post(`/care-placements/${p.placementId}/end`)
      .set(bearer(countyOfficer))
      .send({ reason: 'guardian-returned' })
      .expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', overdue: true });
    const cleared = await recorder.waitForKey(topic, p.placementId, 1, ChildPlacementOverdueClearedV1.type);
    expect(cleared[0].json).toMatchObject({ placementId: p.placementId, outcome: 'ended' });
    // the unit asked is told, so it discharges the child should it admit after all
    const end = await recorder.waitForKey(topic, p.placementId, 1, ChildPlacementEndedV1.type);
    expect(end[0].json).toMatchObject({ unitId: 'u-330521-cw01', requestNo: 1 });
  });
});
