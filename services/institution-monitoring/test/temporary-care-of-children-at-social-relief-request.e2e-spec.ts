import { INestApplication } from '@nestjs/common';
import {
  ChildPlacementAdmittedV1,
  ChildPlacementEndedV1,
  ChildPlacementRefusedV1,
  ChildPlacementRequested,
  ChildPlacementRequestedV1,
  TemporaryCareTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, TopicNames, toKafkaRecord } from '@civil/messaging';
import { bearer, isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { PlacementRequestRepository } from '../src/temporary-care/infrastructure/placement-request.repository';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('temporary care at social relief’s request: admitted or refused once per request, discharged at the end (held while isolated)', () => {
  const run = isolatedRun('im-temporary-care');
  const clock = new SettableClock('2026-03-04T03:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const answers = names.physical(TemporaryCareTopic.name);
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-temporary-care' }), names);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const at = '2026-03-04T03:00:00.000Z';

  const requested = (placementId: string, unitId: string, requestNo = 1) =>
    createEvent<ChildPlacementRequested>(
      ChildPlacementRequestedV1,
      { placementId, childRef: `p-${placementId}`, divisionCode: '330521101', unitId, requestNo, requestedAt: at },
      { time: new Date(at) },
    );
  const send = (e: ReturnType<typeof createEvent<any>>, contract: { topic: string; keyOf(p: any): string }) =>
    publisher.publish([toKafkaRecord(e, contract.topic, contract.keyOf(e.data))]);
  const answerOf = (placementId: string) =>
    waitFor(`the answer to ${placementId}`, () => recorder.of(answers).find((m) => m.key === placementId), 60_000);

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    recorder = await new TopicRecorder([answers]).start();
    await http()
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit('u-tc-cw', '330521101', 'child-welfare-home'))
      .expect(201);
    await http()
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit('u-tc-mp', '330521101', 'minors-protection-centre'))
      .expect(201);
    await http()
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit('u-tc-home', '330521101', 'elderly-care-home'))
      .expect(201);
  });

  afterAll(async () => {
    await publisher.disconnect();
    await recorder?.stop();
    await app?.close();
  });

  it('refuses an unknown unit and one not for children; admits at a child welfare home once however often the request arrives', async () => {
    await send(requested('cp-tc-none', 'u-tc-nowhere'), ChildPlacementRequestedV1);
    await send(requested('cp-tc-home', 'u-tc-home'), ChildPlacementRequestedV1);
    const req = requested('cp-tc-1', 'u-tc-cw');
    await send(req, ChildPlacementRequestedV1);
    await send(req, ChildPlacementRequestedV1);

    expect((await answerOf('cp-tc-none')).json).toMatchObject({
      reason: 'unit-unknown',
      unitId: 'u-tc-nowhere',
      divisionCode: '330521101',
    });
    const home = await answerOf('cp-tc-home');
    expect(home.headers.ce_type).toBe(ChildPlacementRefusedV1.type);
    expect(home.json).toMatchObject({ reason: 'unit-not-for-children', requestNo: 1 });
    const admitted = await answerOf('cp-tc-1');
    expect(admitted.headers.ce_type).toBe(ChildPlacementAdmittedV1.type);
    expect(admitted.headers.ce_causationid).toBe(req.id);
    expect(admitted.json).toMatchObject({
      placementId: 'cp-tc-1',
      requestNo: 1,
      unitId: 'u-tc-cw',
      unitType: 'child-welfare-home',
      isolated: false,
    });

    await recorder.caughtUp();
    expect(recorder.of(answers).filter((m) => m.key === 'cp-tc-1')).toHaveLength(1);
    const residents = await http().get('/institutions/u-tc-cw/residents').set(bearer(countyOfficer)).expect(200);
    const list = (residents.body.residents ?? residents.body) as { residentId: string }[];
    expect(list.map((r) => r.residentId)).toEqual([admitted.json.residentRef]);
  });

  it('discharges the child at the end; a child isolated on the symptom path is held, and the unit discharges later', async () => {
    await send(requested('cp-tc-2', 'u-tc-mp'), ChildPlacementRequestedV1);
    const admitted = (await answerOf('cp-tc-2')).json;
    const residentRef = admitted.residentRef as string;
    await http()
      .post(`/institutions/u-tc-mp/residents/${residentRef}/symptom-reports`)
      .set(bearer(countyOfficer))
      .send({ symptoms: ['fever'] })
      .expect(201);
    const end = (placementId: string, unitId: string) =>
      createEvent(
        ChildPlacementEndedV1,
        { placementId, childRef: `p-${placementId}`, divisionCode: '330521101', unitId, requestNo: 1, endedAt: at },
        { time: new Date(at) },
      );
    await send(end('cp-tc-2', 'u-tc-mp'), ChildPlacementEndedV1);
    await send(end('cp-tc-1', 'u-tc-cw'), ChildPlacementEndedV1);

    const first = (await answerOf('cp-tc-1')).json.residentRef as string;
    await waitFor(
      'the child of cp-tc-1 discharged',
      async () =>
        (await http().get(`/institutions/u-tc-cw/residents/${first}`).set(bearer(countyOfficer)).expect(200)).body.status === 'discharged',
      60_000,
    );
    const held = await waitFor(
      'the discharge of cp-tc-2 held',
      async () => {
        const r = await app.get(PlacementRequestRepository).get('cp-tc-2:1');
        return r?.value.dischargeHeld ? r.value : undefined;
      },
      60_000,
    );
    expect(held).toMatchObject({ dischargeHeld: 'ResidentIsolated', dischargedAt: null });
    const still = await http().get(`/institutions/u-tc-mp/residents/${residentRef}`).set(bearer(countyOfficer)).expect(200);
    expect(still.body).toMatchObject({ status: 'isolated', temporaryCare: { placementId: 'cp-tc-2', requestNo: 1 } });
    await http()
      .post(`/institutions/u-tc-mp/residents/${residentRef}/symptom-cases/${still.body.openSymptomCaseId}/clearance`)
      .set(bearer(countyOfficer))
      .expect(201);
    const out = await http().post(`/institutions/u-tc-mp/residents/${residentRef}/discharge`).set(bearer(countyOfficer)).expect(201);
    expect(out.body).toMatchObject({ status: 'discharged' });
  });
});
