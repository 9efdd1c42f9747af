import { INestApplication } from '@nestjs/common';
import { CapacityRecoveredV1, CapacityStrainedV1, FuneralCaseMovedV1, FuneralHomeTopic } from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, homeStaff, otherCountyOfficer, startFuneralOperations } from './support';

const HOME = 'fh-cap';
const ALT = 'fh-cap-alt';
const FULL = 'fh-cap-full';
const staff = homeStaff(HOME);

describe('capacity: a strained episode emitted once, then recovered; alternatives proposed', () => {
  const run = isolatedRun('fo-capacity');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(FuneralHomeTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const cases: string[] = [];

  const registerHome = async (
    homeId: string,
    divisionCode: string,
    slots: number,
    crematorHours: { start: string; end: string } | null,
  ) => {
    await http()
      .post('/funeral-homes')
      .set(bearer(admin))
      .send({
        homeId,
        name: `${homeId} 殡仪馆`,
        divisionCode,
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: slots,
        bodyCarts: 2,
        crowdedAreas: [],
      })
      .expect(201);
    await http()
      .post(`/funeral-homes/${homeId}/equipment`)
      .set(bearer(admin))
      .send({ equipmentId: `${homeId}-v1`, kind: 'vehicle', name: '接运车' })
      .expect(201);
    if (crematorHours)
      await http()
        .post(`/funeral-homes/${homeId}/equipment`)
        .set(bearer(admin))
        .send({ equipmentId: `${homeId}-c1`, kind: 'cremator', name: '1号炉', hours: crematorHours })
        .expect(201);
  };
  const store = async (slot: number) => {
    const id = (
      await http()
        .post('/funeral-cases')
        .set(bearer(staff))
        .send({ homeId: HOME, deceased: { name: '吴十' }, diedAt: '2026-03-05T20:00:00Z', infectious: false, place: '家中' })
        .expect(201)
    ).body.caseId as string;
    await http()
      .post(`/funeral-cases/${id}/dispatch`)
      .set(bearer(staff))
      .send({ vehicleId: `${HOME}-v1` })
      .expect(200);
    await http().post(`/funeral-cases/${id}/pick-up`).set(bearer(staff)).send({ place: '家中' }).expect(200);
    await http().post(`/funeral-cases/${id}/storage`).set(bearer(staff)).send({ slot }).expect(200);
    cases.push(id);
  };
  /** Distinct events (by ce_id: the relay publishes at least once, consumers de-duplicate by id). */
  const episodes = (type: string) => [
    ...new Map(
      recorder
        .of(topic, type)
        .filter((m) => m.key === HOME)
        .map((m) => [m.headers.ce_id, m]),
    ).values(),
  ];

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    await registerHome(HOME, '330521', 2, { start: '08:00', end: '17:00' });
    await registerHome(ALT, '330522', 10, { start: '08:00', end: '17:00' }); // another county of the same city
    await registerHome(FULL, '330523', 0, { start: '08:00', end: '17:00' }); // no cold storage at all: never proposed
    await registerHome('fh-cap-far', '330603', 10, { start: '08:00', end: '17:00' }); // another city
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('emits CapacityStrained once when cold storage fills, naming other homes of the region with room', async () => {
    await store(1);
    await store(2); // 2 of 2 slots: 100% ≥ 90%
    const [strained] = await recorder.waitForCount(topic, 1, CapacityStrainedV1.type);
    expect(strained.headers.ce_id).toBe(deterministicId('capacity-strained', `${HOME}:cold-storage:1`));
    expect(strained.key).toBe(HOME);
    expect(strained.headers).toMatchObject({ ce_type: CapacityStrainedV1.type, ce_subject: `${HOME}:cold-storage:1`, ce_region: '330521' });
    expect(strained.json).toEqual({
      homeId: HOME,
      divisionCode: '330521',
      episodeId: `${HOME}:cold-storage:1`,
      measure: 'cold-storage',
      ratio: 1,
      threshold: 0.9,
      alternatives: [ALT],
      detectedAt: '2026-03-06T00:00:00.000Z',
    });
    const alternatives = await http().get(`/funeral-homes/${HOME}/alternatives`).set(bearer(staff)).expect(200);
    expect(alternatives.body).toMatchObject({
      homeId: HOME,
      region: '3305',
      own: { coldStorage: { occupied: 2, slots: 2, ratio: 1 } },
      alternatives: [{ homeId: ALT, coldStorageRatio: 0, expectedWaitMinutes: 0 }],
    });
  });

  it('a sweep while still strained emits nothing more', async () => {
    const swept = await http().post('/capacity/sweep').set(bearer(countyOfficer)).expect(201);
    expect(swept.body).toEqual({ evaluated: 1, strained: [HOME] });
    await http().post('/capacity/sweep').set(bearer(admin)).expect(201);
    const region = await http().get('/capacity?divisionCode=3305').set(bearer(admin)).expect(200);
    expect(region.body.homes.map((h: { homeId: string }) => h.homeId).sort()).toEqual([HOME, ALT, FULL].sort());
    expect(region.body.totals).toMatchObject({ homes: 3, strainedHomes: 1, coldStorage: { occupied: 2, slots: 12 } });
    expect(region.body.homes.find((h: { homeId: string }) => h.homeId === HOME)).toMatchObject({
      strained: { 'cold-storage': true, 'cremation-backlog': false },
      backlog: { waitingCases: 2, hoursQueued: 3 },
    });
    await http().get('/capacity?divisionCode=330521').set(bearer(otherCountyOfficer)).expect(403);
    await http().get('/capacity?divisionCode=330521').set(bearer(staff)).expect(403);
  });

  it('recovers once below the recovered threshold (hysteresis), after a cremation frees a slot', async () => {
    await http().post(`/funeral-cases/${cases[0]}/cremation-booking`).set(bearer(staff)).send({}).expect(200);
    clock.set('2026-03-06T01:40:00Z');
    await http()
      .post(`/funeral-cases/${cases[0]}/cremation`)
      .set(bearer(admin))
      .send({ operatorStaffId: 'op-x', startedAt: '2026-03-06T00:00:00Z', endedAt: '2026-03-06T01:30:00Z' })
      .expect(400); // not an operator of the home
    await http()
      .post(`/funeral-homes/${HOME}/staff`)
      .set(bearer(admin))
      .send({ staffId: 'op-1', name: '郑师傅', role: 'operator', recalledRetiree: false })
      .expect(201);
    await http()
      .post(`/funeral-cases/${cases[0]}/cremation`)
      .set(bearer(staff))
      .send({ operatorStaffId: 'op-1', startedAt: '2026-03-06T00:00:00Z', endedAt: '2026-03-06T01:30:00Z' })
      .expect(200);
    const [recovered] = await recorder.waitForCount(topic, 1, CapacityRecoveredV1.type);
    expect(recovered.json).toEqual({
      homeId: HOME,
      divisionCode: '330521',
      episodeId: `${HOME}:cold-storage:1`,
      measure: 'cold-storage',
      ratio: 0.5,
      threshold: 0.75,
      recoveredAt: '2026-03-06T01:40:00.000Z',
    });
    // another sweep, then a new episode as the marker: still exactly one event of each for episode 1
    await http().post('/capacity/sweep').set(bearer(admin)).expect(201);
    await store(1);
    await app.get(OutboxRelay).flush();
    await waitFor(
      'episode 2',
      () => episodes(CapacityStrainedV1.type).some((m) => m.json.episodeId === `${HOME}:cold-storage:2`) || undefined,
    );
    expect(episodes(CapacityStrainedV1.type).map((m) => m.json.episodeId)).toEqual([`${HOME}:cold-storage:1`, `${HOME}:cold-storage:2`]);
    expect(episodes(CapacityRecoveredV1.type).map((m) => m.json.episodeId)).toEqual([`${HOME}:cold-storage:1`]);
    expect(recorder.of(topic, FuneralCaseMovedV1.type)).toHaveLength(0);
  });
});
