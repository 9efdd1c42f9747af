import { INestApplication } from '@nestjs/common';
import { FuneralCaseMovedV1, FuneralCaseTopic, ResidentDied, ResidentDiedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutboxRelay, TopicNames, toKafkaRecord } from '@civil/messaging';
import { bearer, isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { CaseDirectory } from '../src/cases/application/case-directory';
import { CaseIntakeService } from '../src/cases/application/case-intake.service';
import { admin, countyOfficer, homeStaff, startFuneralOperations } from './support';

const home = (homeId: string, slots: number) => ({
  homeId,
  name: `${homeId} 殡仪馆`,
  divisionCode: '330521',
  openingHours: { start: '07:00', end: '18:00' },
  coldStorageSlots: slots,
  bodyCarts: 2,
  crowdedAreas: ['告别厅'],
});
const cdc = { organisation: '德清县疾病预防控制中心', contactName: '周医生', contactPhone: '13900002222' };

describe('cases from ResidentDied (exactly once) and the infectious-disease protocol', () => {
  const run = isolatedRun('fo-resident-died');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing
  const names = new TopicNames(run.topicPrefix);
  const caseTopic = names.physical(FuneralCaseTopic.name);
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-resident-died' }), names);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const staffA = homeStaff('fh-rd-a');
  const staffB = homeStaff('fh-rd-b');

  const died = (deathId: string, over: Partial<ResidentDied> = {}): ResidentDied => ({
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    deathId,
    residentRef: `r-${deathId}`,
    diedAt: '2026-03-05T23:00:00.000Z',
    cause: 'natural',
    infectious: false,
    disease: null,
    personKey: null,
    recordedAt: '2026-03-05T23:30:00.000Z',
    ...over,
  });
  const publish = (...events: ReturnType<typeof createEvent<ResidentDied>>[]) =>
    publisher.publish(events.map((e) => toKafkaRecord(e, ResidentDiedV1.topic, ResidentDiedV1.keyOf(e.data))));
  const caseOf = async (deathId: string, who: Parameters<typeof bearer>[0] = countyOfficer) => {
    const res = await http()
      .get(`/funeral-cases/${CaseIntakeService.caseIdOfDeath(deathId)}`)
      .set(bearer(who));
    return res.status === 200 ? res.body : undefined;
  };
  const storedCase = async (homeId: string, staff: ReturnType<typeof homeStaff>, slot: number, vehicleId: string) => {
    const id = (
      await http()
        .post('/funeral-cases')
        .set(bearer(staff))
        .send({ homeId, deceased: { name: '孙八' }, diedAt: '2026-03-05T20:00:00Z', infectious: false, place: '家中' })
        .expect(201)
    ).body.caseId;
    await http().post(`/funeral-cases/${id}/dispatch`).set(bearer(staff)).send({ vehicleId }).expect(200);
    await http().post(`/funeral-cases/${id}/pick-up`).set(bearer(staff)).send({ place: '家中' }).expect(200);
    await http().post(`/funeral-cases/${id}/storage`).set(bearer(staff)).send({ slot }).expect(200);
    return id as string;
  };

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    recorder = await new TopicRecorder([caseTopic]).start();
    for (const [id, slots] of [
      ['fh-rd-a', 1],
      ['fh-rd-b', 10],
    ] as const) {
      await http().post('/funeral-homes').set(bearer(countyOfficer)).send(home(id, slots)).expect(201);
      await http()
        .post(`/funeral-homes/${id}/equipment`)
        .set(bearer(countyOfficer))
        .send({ equipmentId: `${id}-v1`, kind: 'vehicle', name: '接运车' })
        .expect(201);
    }
    // home A has no cremator (all its bodies go elsewhere) and its only cold-storage slot is taken:
    // B is the less loaded home of the county
    await http()
      .post('/funeral-homes/fh-rd-b/equipment')
      .set(bearer(countyOfficer))
      .send({ equipmentId: 'fh-rd-b-c1', kind: 'cremator', name: '1号炉', hours: { start: '08:00', end: '12:00' } })
      .expect(201);
    await storedCase('fh-rd-a', staffA, 1, 'fh-rd-a-v1');
  });

  afterAll(async () => {
    await publisher.disconnect();
    await recorder?.stop();
    await app?.close();
  });

  it('opens exactly one case for a death delivered twice (and re-sent under a new event id), at the least-loaded home of the county', async () => {
    const first = createEvent(ResidentDiedV1, died('d-1'), { time: new Date('2026-03-05T23:30:00Z') });
    const resent = createEvent(ResidentDiedV1, died('d-1'), { time: new Date('2026-03-05T23:31:00Z') });
    await publish(first, first, resent);
    const c = await waitFor('the case for d-1', () => caseOf('d-1'));
    expect(c).toMatchObject({
      homeId: 'fh-rd-b',
      status: 'requested',
      origin: 'resident-died',
      deathId: 'd-1',
      unitId: 'u-330521-0001',
      infectious: false,
      deceased: null,
    });
    // a marker on the same key (same partition): handled after the redeliveries
    await publish(createEvent(ResidentDiedV1, died('d-marker'), { time: new Date('2026-03-05T23:40:00Z') }));
    await waitFor('the marker case', () => caseOf('d-marker'));
    const listed = await http().get('/funeral-cases?homeId=fh-rd-b').set(bearer(countyOfficer)).expect(200);
    expect(listed.body.filter((x: { deathId: string }) => x.deathId === 'd-1')).toHaveLength(1);
    const custody = await http().get(`/funeral-cases/${c.caseId}/custody`).set(bearer(staffB)).expect(200);
    expect(custody.body.entries).toHaveLength(1);
    await app.get(OutboxRelay).flush();
    await waitFor(
      'the marker’s intake on the wire',
      () => recorder.of(caseTopic, FuneralCaseMovedV1.type).some((m) => m.key === CaseIntakeService.caseIdOfDeath('d-marker')) || undefined,
    );
    const intakes = recorder.of(caseTopic, FuneralCaseMovedV1.type).filter((m) => m.key === c.caseId);
    expect(intakes).toHaveLength(1);
    expect(intakes[0].json).toMatchObject({
      caseId: c.caseId,
      homeId: 'fh-rd-b',
      from: null,
      to: 'requested',
      origin: 'resident-died',
      unitId: 'u-330521-0001',
      infectious: false,
      cremateBy: null,
    });
    // one flow across services: the intake names the ResidentDied that caused it, and keeps its correlation
    expect(intakes[0].headers).toMatchObject({ ce_correlationid: first.correlationId, ce_causationid: first.id });
  });

  it('records a death in a county without a funeral home as unassigned, until the task force assigns a home', async () => {
    await publish(
      createEvent(ResidentDiedV1, died('d-nohome', { unitId: 'u-330599-0001', divisionCode: '330599101' }), {
        time: new Date('2026-03-05T23:30:00Z'),
      }),
    );
    const c = await waitFor('the unassigned case', () => caseOf('d-nohome', admin));
    expect(c).toMatchObject({ homeId: null, divisionCode: '330599', flags: [{ flag: 'unassigned', label: '未分配殡仪馆' }] });
    const refused = await http()
      .post(`/funeral-cases/${c.caseId}/dispatch`)
      .set(bearer(admin))
      .send({ vehicleId: 'fh-rd-b-v1' })
      .expect(409);
    expect(refused.body.error).toBe('CaseUnassigned');
    const unassigned = await http().get('/funeral-cases?unassigned=true').set(bearer(admin)).expect(200);
    expect(unassigned.body.map((x: { caseId: string }) => x.caseId)).toContain(c.caseId);
    await http().post(`/funeral-cases/${c.caseId}/assignment`).set(bearer(admin)).send({ homeId: 'fh-rd-b' }).expect(201);
    await app.get(OutboxRelay).flush();
    const [m] = await recorder.waitForKey(caseTopic, c.caseId, 1, FuneralCaseMovedV1.type);
    expect(m.json).toMatchObject({ homeId: 'fh-rd-b', divisionCode: '330521', from: null, to: 'requested' });
  });

  it('infectious death: flagged, picked up with the CDC, cremated directly before the deadline, no ceremony', async () => {
    await publish(
      createEvent(
        ResidentDiedV1,
        died('d-inf', { cause: 'infectious-disease', infectious: true, disease: 'COVID-19', diedAt: '2026-03-05T22:00:00.000Z' }),
        { time: new Date('2026-03-05T22:30:00Z') },
      ),
    );
    const c = await waitFor('the infectious case', () => caseOf('d-inf'));
    expect(c).toMatchObject({
      infectious: true,
      disease: 'COVID-19',
      cremateBy: '2026-03-06T22:00:00.000Z',
      ceremoniesAllowed: false,
      flags: [{ flag: 'infectious' }],
    });
    await expect(app.get(CaseDirectory).assertCeremonyAllowed(c.caseId, 'fh-rd-b', staffB)).rejects.toMatchObject({
      code: 'InfectiousNoCeremony',
    });
    await expect(app.get(CaseDirectory).isInfectious(c.caseId)).resolves.toBe(true);
    const farewell = await http()
      .post('/funeral-homes/fh-rd-b/ceremony-bookings')
      .set(bearer(staffB))
      .send({
        kind: 'farewell',
        startsAt: '2026-03-07T02:00:00.000Z',
        endsAt: '2026-03-07T03:00:00.000Z',
        hall: '告别厅',
        caseId: c.caseId,
        familyContact: { name: '李家属', phone: '13900001111' },
      })
      .expect(409);
    expect(farewell.body.error).toBe('InfectiousNoCeremony');
    // the case must be one of the booking's home, within the caller's reach
    const rites = {
      kind: 'rites',
      startsAt: '2026-03-07T02:00:00.000Z',
      endsAt: '2026-03-07T03:00:00.000Z',
      hall: '告别厅',
      caseId: c.caseId,
      familyContact: { name: '李家属', phone: '13900001111' },
    };
    const elsewhere = await http().post('/funeral-homes/fh-rd-a/ceremony-bookings').set(bearer(countyOfficer)).send(rites).expect(400);
    expect(elsewhere.body).toMatchObject({ error: 'CaseAtAnotherHome', details: { field: 'caseId' } });
    await http().post('/funeral-homes/fh-rd-a/ceremony-bookings').set(bearer(staffA)).send(rites).expect(404);
    await http()
      .post('/funeral-homes/fh-rd-a/ceremony-bookings')
      .set(bearer(staffA))
      .send({ ...rites, caseId: 'fc-unknown' })
      .expect(404);

    await http().post(`/funeral-cases/${c.caseId}/dispatch`).set(bearer(staffB)).send({ vehicleId: 'fh-rd-b-v1' }).expect(200);
    const noCdc = await http().post(`/funeral-cases/${c.caseId}/pick-up`).set(bearer(staffB)).send({ place: '养老院隔离间' }).expect(409);
    expect(noCdc.body.error).toBe('CdcHandoverRequired');
    const picked = await http()
      .post(`/funeral-cases/${c.caseId}/pick-up`)
      .set(bearer(staffB))
      .send({ place: '养老院隔离间', cdc })
      .expect(200);
    expect(picked.body.cdc).toMatchObject({ organisation: cdc.organisation, contactName: '周**', contactPhone: '139****2222' });
    // straight to cremation, no cold storage
    const scheduled = await http().post(`/funeral-cases/${c.caseId}/cremation-booking`).set(bearer(staffB)).send({}).expect(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', slot: null, deadlineAtRisk: false });
    expect(new Date(scheduled.body.cremation.end).getTime()).toBeLessThanOrEqual(new Date('2026-03-06T22:00:00Z').getTime());

    await app.get(OutboxRelay).flush();
    const moves = await waitFor('the infectious case’s moves', () => {
      const got = recorder.of(caseTopic, FuneralCaseMovedV1.type).filter((m) => m.key === c.caseId);
      return got.length === 4 ? got : undefined;
    });
    expect(moves.map((m) => m.json.to)).toEqual(['requested', 'dispatched', 'picked-up', 'scheduled']);
    for (const m of moves) expect(m.json).toMatchObject({ infectious: true, cremateBy: '2026-03-06T22:00:00.000Z' });
    for (const m of moves) expect(m.value).not.toContain('周医生');
  });

  it('takes the place of non-infectious cremations to meet the deadline, and flags a deadline no cremator can meet (409)', async () => {
    // 08:00–09:30 today is the infectious case above; ordinary cases take 09:30–11:00 today and 08:00 tomorrow
    const ordinary: string[] = [];
    for (const slot of [2, 3]) {
      const id = await storedCase('fh-rd-b', staffB, slot, 'fh-rd-b-v1');
      await http().post(`/funeral-cases/${id}/cremation-booking`).set(bearer(staffB)).send({}).expect(200);
      ordinary.push(id);
    }
    // died 11:00 Beijing yesterday: must be cremated by 11:00 today (24 h)
    await publish(
      createEvent(
        ResidentDiedV1,
        died('d-urgent', { infectious: true, cause: 'infectious-disease', disease: 'COVID-19', diedAt: '2026-03-05T03:00:00.000Z' }),
        { time: new Date('2026-03-05T03:30:00Z') },
      ),
    );
    const urgent = await waitFor('the urgent case', () => caseOf('d-urgent'));
    await http().post(`/funeral-cases/${urgent.caseId}/dispatch`).set(bearer(staffB)).send({ vehicleId: 'fh-rd-b-v1' }).expect(200);
    await http().post(`/funeral-cases/${urgent.caseId}/pick-up`).set(bearer(staffB)).send({ place: '隔离点', cdc }).expect(200);
    const placed = await http().post(`/funeral-cases/${urgent.caseId}/cremation-booking`).set(bearer(staffB)).send({}).expect(200);
    expect(placed.body.cremation).toMatchObject({ start: '2026-03-06T01:30:00.000Z', end: '2026-03-06T03:00:00.000Z' });
    const displaced = await http().get(`/funeral-cases/${ordinary[0]}`).set(bearer(staffB)).expect(200);
    expect(displaced.body).toMatchObject({ status: 'scheduled', cremation: { start: '2026-03-07T01:30:00.000Z', day: '2026-03-07' } });
    const queue = await http().get('/funeral-homes/fh-rd-b/cremation-queue').set(bearer(staffB)).expect(200);
    expect(queue.body.placed.map((p: { caseId: string; start: string; infectious: boolean }) => [p.caseId, p.start, p.infectious])).toEqual(
      [
        [CaseIntakeService.caseIdOfDeath('d-inf'), '2026-03-06T00:00:00.000Z', true],
        [urgent.caseId, '2026-03-06T01:30:00.000Z', true],
        [ordinary[1], '2026-03-07T00:00:00.000Z', false],
        [ordinary[0], '2026-03-07T01:30:00.000Z', false],
      ],
    );
    const log = await http().get(`/funeral-cases/${ordinary[0]}/custody`).set(bearer(staffB)).expect(200);
    expect(log.body.entries.at(-1)).toMatchObject({
      from: 'scheduled',
      to: 'scheduled',
      who: 'scheduler',
      why: expect.stringContaining('传染病遗体优先'),
    });

    // died 06:00 Beijing yesterday: due 06:00 today, before any cremator opens
    await publish(
      createEvent(
        ResidentDiedV1,
        died('d-late', { infectious: true, cause: 'infectious-disease', disease: 'COVID-19', diedAt: '2026-03-04T22:00:00.000Z' }),
        { time: new Date('2026-03-04T22:30:00Z') },
      ),
    );
    const late = await waitFor('the late case', () => caseOf('d-late'));
    await http().post(`/funeral-cases/${late.caseId}/dispatch`).set(bearer(staffB)).send({ vehicleId: 'fh-rd-b-v1' }).expect(200);
    await http().post(`/funeral-cases/${late.caseId}/pick-up`).set(bearer(staffB)).send({ place: '隔离点', cdc }).expect(200);
    const refused = await http().post(`/funeral-cases/${late.caseId}/cremation-booking`).set(bearer(staffB)).send({}).expect(409);
    expect(refused.body).toMatchObject({
      error: 'InfectiousDeadlineUnreachable',
      message: expect.stringContaining('2026-03-05T22:00:00.000Z'),
    });
    const flagged = await http().get(`/funeral-cases/${late.caseId}`).set(bearer(staffB)).expect(200);
    expect(flagged.body).toMatchObject({ status: 'picked-up', deadlineAtRisk: true });
    expect(flagged.body.flags.map((f: { flag: string }) => f.flag)).toEqual(['infectious', 'deadlineAtRisk']);
  });
});
