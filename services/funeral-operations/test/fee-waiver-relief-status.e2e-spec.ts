import { INestApplication } from '@nestjs/common';
import {
  FuneralCaseMovedV1,
  FuneralCaseTopic,
  ReliefStatusChanged,
  ReliefStatusChangedV1,
  ResidentDied,
  ResidentDiedV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutboxRelay, TopicNames, toKafkaRecord } from '@civil/messaging';
import { PersonKeyHasher } from '@civil/platform';
import { bearer, isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { CaseIntakeService } from '../src/cases/application/case-intake.service';
import { ReliefStatusCopyService } from '../src/relief-status-copy/application/relief-status-copy.service';
import { countyOfficer, homeStaff, idNumber, startFuneralOperations } from './support';

const HOME = 'fh-waiver';
const staff = homeStaff(HOME);

describe('the fee waiver for 低保 / 特困, from this service’s copy of relief status', () => {
  const run = isolatedRun('fo-fee-waiver');
  const clock = new SettableClock('2026-03-06T00:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const caseTopic = names.physical(FuneralCaseTopic.name);
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-fee-waiver' }), names);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const dibaoId = idNumber('1940-02-02', 11);
  const nearId = idNumber('1941-03-03', 12);
  const laterId = idNumber('1942-04-04', 13);
  const residentId = idNumber('1943-05-05', 14);
  const concentratedId = idNumber('1938-06-06', 15);
  let keyOf: (id: string) => string;

  const status = (idNo: string, registers: ReliefStatusChanged['registers'], changedAt: string) =>
    createEvent(
      ReliefStatusChangedV1,
      { personKey: keyOf(idNo), registers, divisionCode: '330521101', changedAt },
      { time: new Date(changedAt) },
    );
  const publishStatus = (...events: ReturnType<typeof status>[]) =>
    publisher.publish(events.map((e) => toKafkaRecord(e, ReliefStatusChangedV1.topic, ReliefStatusChangedV1.keyOf(e.data))));
  const copyOf = (idNo: string) => app.get(ReliefStatusCopyService).statusOf(keyOf(idNo));
  const intake = async (name: string, idNo: string) =>
    (
      await http()
        .post('/funeral-cases')
        .set(bearer(staff))
        .send({ homeId: HOME, deceased: { name, idNumber: idNo }, diedAt: '2026-03-05T20:00:00Z', infectious: false, place: '家中' })
        .expect(201)
    ).body;

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    keyOf = (id) => app.get(PersonKeyHasher).keyOf(id);
    recorder = await new TopicRecorder([caseTopic]).start();
    await http()
      .post('/funeral-homes')
      .set(bearer(countyOfficer))
      .send({
        homeId: HOME,
        name: '减免殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 4,
        bodyCarts: 2,
        crowdedAreas: [],
      })
      .expect(201);
    await http()
      .post(`/funeral-homes/${HOME}/equipment`)
      .set(bearer(countyOfficer))
      .send({ equipmentId: 'v1', kind: 'vehicle', name: '接运车' })
      .expect(201);
  });

  afterAll(async () => {
    await publisher.disconnect();
    await recorder?.stop();
    await app?.close();
  });

  it('waives the fee for a 低保 member, naming the register; not for 低保边缘', async () => {
    await publishStatus(status(dibaoId, ['dibao'], '2026-03-01T00:00:00.000Z'), status(nearId, ['near-dibao'], '2026-03-01T00:00:00.000Z'));
    await waitFor('both statuses copied', async () => ((await copyOf(dibaoId)) && (await copyOf(nearId)) ? true : undefined));
    const waived = await intake('陈一', dibaoId);
    expect(waived.feeWaiver).toMatchObject({
      waived: true,
      register: 'dibao',
      basis: 'relief-status-copy',
      statusChangedAt: '2026-03-01T00:00:00.000Z',
      label: '基本殡葬服务费减免',
      registerLabel: '最低生活保障（低保）',
    });
    const notWaived = await intake('陈二', nearId);
    expect(notWaived.feeWaiver).toMatchObject({ waived: false, register: null, basis: 'relief-status-copy' });
  });

  it('keeps the latest status: an older event delivered late, or twice, changes nothing', async () => {
    const newer = status(dibaoId, ['dibao', 'dispersed-extreme-poverty'], '2026-03-03T00:00:00.000Z');
    const older = status(dibaoId, [], '2026-03-02T00:00:00.000Z');
    // the marker is another person's status sent on the same key (same partition): handled after the others
    const marker = status(laterId, ['near-dibao'], '2026-03-02T00:00:00.000Z');
    await publishStatus(newer, newer, older);
    await publisher.publish([toKafkaRecord(marker, ReliefStatusChangedV1.topic, keyOf(dibaoId))]);
    await waitFor('the marker', async () => (await copyOf(laterId)) ?? undefined);
    await waitFor('the newer status', async () => ((await copyOf(dibaoId))?.registers.length === 2 ? true : undefined));
    expect(await copyOf(dibaoId)).toEqual({
      registers: ['dibao', 'dispersed-extreme-poverty'],
      changedAt: new Date('2026-03-03T00:00:00.000Z'),
    });
  });

  it('re-decides at the next move when the status arrives after the intake', async () => {
    const c = await intake('陈三', laterId);
    expect(c.feeWaiver).toMatchObject({ waived: false, basis: 'relief-status-copy' }); // near-dibao for now
    await publishStatus(status(laterId, ['dispersed-extreme-poverty'], '2026-03-05T00:00:00.000Z'));
    await waitFor('特困 copied', async () => ((await copyOf(laterId))?.registers.includes('dispersed-extreme-poverty') ? true : undefined));
    const moved = await http().post(`/funeral-cases/${c.caseId}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v1' }).expect(200);
    expect(moved.body.feeWaiver).toMatchObject({ waived: true, register: 'dispersed-extreme-poverty', registerLabel: '特困人员' });
  });

  it('matches a ResidentDied by its person key, and never puts the ID number on the wire', async () => {
    await publishStatus(status(residentId, ['dibao'], '2026-03-01T00:00:00.000Z'));
    await waitFor('the resident’s status', async () => (await copyOf(residentId)) ?? undefined);
    const died: ResidentDied = {
      unitId: 'u-330521-0009',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      deathId: 'd-waiver',
      residentRef: 'r-waiver',
      diedAt: '2026-03-05T21:00:00.000Z',
      cause: 'natural',
      infectious: false,
      disease: null,
      personKey: keyOf(residentId),
      recordedAt: '2026-03-05T21:30:00.000Z',
    };
    const e = createEvent(ResidentDiedV1, died, { time: new Date('2026-03-05T21:30:00Z') });
    await publisher.publish([toKafkaRecord(e, ResidentDiedV1.topic, ResidentDiedV1.keyOf(died))]);
    const id = CaseIntakeService.caseIdOfDeath('d-waiver');
    const c = await waitFor('the case', async () => {
      const res = await http().get(`/funeral-cases/${id}`).set(bearer(staff));
      return res.status === 200 ? res.body : undefined;
    });
    expect(c.feeWaiver).toMatchObject({ waived: true, register: 'dibao' });
    expect(JSON.stringify(c)).not.toContain(keyOf(residentId));
    await app.get(OutboxRelay).flush();
    await recorder.waitForCount(caseTopic, 5, FuneralCaseMovedV1.type);
    for (const m of recorder.of(caseTopic)) {
      for (const idNo of [dibaoId, nearId, laterId, residentId]) {
        expect(m.value).not.toContain(idNo);
        expect(m.value).not.toContain(keyOf(idNo));
      }
      expect(m.value).not.toMatch(/陈/);
    }
  });

  it('keeps the waiver decided for the status at death when the person is taken off the register afterwards', async () => {
    const id = CaseIntakeService.caseIdOfDeath('d-waiver'); // died 2026-03-05T21:00Z on 低保
    await publishStatus(status(residentId, [], '2026-03-05T23:00:00.000Z'));
    await waitFor('the removal copied', async () => ((await copyOf(residentId))?.registers.length === 0 ? true : undefined));
    await http()
      .post(`/funeral-homes/${HOME}/equipment`)
      .set(bearer(countyOfficer))
      .send({ equipmentId: 'v2', kind: 'vehicle', name: '接运车2' })
      .expect(201);
    const moved = await http().post(`/funeral-cases/${id}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v2' }).expect(200);
    expect(moved.body.feeWaiver).toMatchObject({ waived: true, register: 'dibao', statusChangedAt: '2026-03-01T00:00:00.000Z' });
  });

  it('waives the fee of a 集中供养特困 resident of a 敬老院 who dies there (seed 003 篇十一, the register of seed 003 篇八)', async () => {
    await publishStatus(status(concentratedId, ['concentrated-extreme-poverty'], '2026-03-01T00:00:00.000Z'));
    await waitFor('the 集中供养 status', async () => (await copyOf(concentratedId)) ?? undefined);
    const died: ResidentDied = {
      unitId: 'u-330521-0031',
      unitType: 'extreme-poverty-support-home',
      divisionCode: '330521101',
      deathId: 'd-waiver-concentrated',
      residentRef: 'r-waiver-concentrated',
      diedAt: '2026-03-05T22:00:00.000Z',
      cause: 'natural',
      infectious: false,
      disease: null,
      personKey: keyOf(concentratedId),
      recordedAt: '2026-03-05T22:30:00.000Z',
    };
    const e = createEvent(ResidentDiedV1, died, { time: new Date('2026-03-05T22:30:00Z') });
    await publisher.publish([toKafkaRecord(e, ResidentDiedV1.topic, ResidentDiedV1.keyOf(died))]);
    const id = CaseIntakeService.caseIdOfDeath('d-waiver-concentrated');
    const c = await waitFor('the case', async () => {
      const res = await http().get(`/funeral-cases/${id}`).set(bearer(staff));
      return res.status === 200 ? res.body : undefined;
    });
    expect(c.feeWaiver).toMatchObject({
      waived: true,
      register: 'concentrated-extreme-poverty',
      registerLabel: '特困人员（集中供养）',
      basis: 'relief-status-copy',
    });
  });
});
