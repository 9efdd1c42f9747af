import { INestApplication } from '@nestjs/common';
import { DisinfectionRoundMissedV1, FuneralHomeTopic } from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, homeStaff, otherCountyOfficer, startFuneralOperations } from './support';

const HOME = 'ds-home-1';
const staff = homeStaff(HOME);

describe('the disinfection log: a round missed in a crowded area is signalled once', () => {
  const run = isolatedRun('fo-disinfection');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing, opening time
  const topic = new TopicNames(run.topicPrefix).physical(FuneralHomeTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const sweep = () => http().post('/disinfection/missed-round-sweeps').set(bearer(admin)).expect(200);
  const missed = () => recorder.of(topic, DisinfectionRoundMissedV1.type);

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    await http()
      .post('/funeral-homes')
      .set(bearer(countyOfficer))
      .send({
        homeId: HOME,
        name: '城东殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '08:00', end: '18:00' },
        coldStorageSlots: 10,
        bodyCarts: 4,
        crowdedAreas: ['告别厅', '候灵区'],
      })
      .expect(201);
    await http()
      .post(`/funeral-homes/${HOME}/staff`)
      .set(bearer(staff))
      .send({ staffId: 'ds-d1', name: '王消杀', role: 'disinfection', recalledRetiree: false })
      .expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('records a round by the home’s staff, refusing bad input naming the fields, an unknown area, and callers outside the home', async () => {
    clock.set('2026-03-06T01:00:00Z'); // 09:00
    const r = await http()
      .post(`/funeral-homes/${HOME}/disinfection-rounds`)
      .set(bearer(staff))
      .send({ area: '告别厅', staffId: 'ds-d1', disinfectant: '含氯消毒液 500mg/L' })
      .expect(201);
    expect(r.body).toMatchObject({ area: '告别厅', staffId: 'ds-d1', at: '2026-03-06T01:00:00.000Z', recordedBy: staff.sub });

    const bad = await http()
      .post(`/funeral-homes/${HOME}/disinfection-rounds`)
      .set(bearer(staff))
      .send({ staffId: '!', disinfectant: '' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['area', 'disinfectant', 'staffId']);
    const unknown = await http()
      .post(`/funeral-homes/${HOME}/disinfection-rounds`)
      .set(bearer(staff))
      .send({ area: '食堂', staffId: 'ds-d1', disinfectant: '酒精' })
      .expect(400);
    expect(unknown.body).toMatchObject({ error: 'UnknownArea', details: { field: 'area' } });

    await http()
      .post(`/funeral-homes/${HOME}/disinfection-rounds`)
      .set(bearer(homeStaff('ds-other-home')))
      .send({ area: '告别厅', staffId: 'ds-d1', disinfectant: '酒精' })
      .expect(404);
    await http().get(`/funeral-homes/${HOME}/disinfection`).set(bearer(otherCountyOfficer)).expect(404);
    await http().post('/disinfection/missed-round-sweeps').set(bearer(staff)).expect(403);
  });

  it('emits DisinfectionRoundMissed once for the area left more than 2 hours, across repeated and concurrent sweeps', async () => {
    clock.set('2026-03-06T02:00:00Z'); // 10:00: 候灵区 due now, on time until it passes
    expect((await sweep()).body.recorded).toBe(0);

    clock.set('2026-03-06T02:00:30Z');
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.body.recorded, 0)).toBe(1);
    expect((await sweep()).body.recorded).toBe(0);
    await app.get(OutboxRelay).flush();

    // the marker: 告别厅 (last round 09:00) is missed at 11:00; same key, same partition
    clock.set('2026-03-06T03:00:30Z');
    expect((await sweep()).body.recorded).toBe(1);
    await waitFor('the later miss of 告别厅', () => missed().some((m) => m.json.area === '告别厅') || undefined);

    const waiting = missed().filter((m) => m.json.area === '候灵区');
    expect(waiting).toHaveLength(1);
    const [m] = waiting;
    expect(m.key).toBe(HOME);
    expect(m.headers).toMatchObject({
      ce_type: DisinfectionRoundMissedV1.type,
      ce_id: deterministicId(DisinfectionRoundMissedV1.type, HOME, '候灵区', '2026-03-06T02:00:00.000Z'),
      ce_region: '330521',
    });
    expect(m.json).toEqual({
      homeId: HOME,
      divisionCode: '330521',
      area: '候灵区',
      dueAt: '2026-03-06T02:00:00.000Z',
      detectedAt: '2026-03-06T02:00:30.000Z',
    });
    expect(missed().find((x) => x.json.area === '告别厅')!.json.dueAt).toBe('2026-03-06T03:00:00.000Z');
    for (const msg of recorder.of(topic)) expect(`${msg.value}${JSON.stringify(msg.headers)}`).not.toContain('王消杀');
  });

  it('shows per area its rounds, recorded misses and next due time', async () => {
    clock.set('2026-03-06T03:10:00Z'); // 11:10
    await http()
      .post(`/funeral-homes/${HOME}/disinfection-rounds`)
      .set(bearer(staff))
      .send({ area: '告别厅', staffId: 'ds-d1', disinfectant: '含氯消毒液' })
      .expect(201);
    const view = await http().get(`/funeral-homes/${HOME}/disinfection?date=2026-03-06`).set(bearer(countyOfficer)).expect(200);
    expect(view.body).toMatchObject({ intervalMinutes: 120, opens: '2026-03-06T00:00:00.000Z', closes: '2026-03-06T10:00:00.000Z' });
    const byArea = Object.fromEntries(view.body.areas.map((a: { area: string }) => [a.area, a]));
    expect(byArea['告别厅']).toMatchObject({ state: 'on-schedule', stateLabel: '按时消杀', nextDueAt: '2026-03-06T05:10:00.000Z' });
    expect(byArea['告别厅'].rounds).toHaveLength(2);
    expect(byArea['候灵区']).toMatchObject({ state: 'overdue', stateLabel: '超时未消杀', nextDueAt: '2026-03-06T04:00:00.000Z' });
    expect(byArea['候灵区'].missed).toEqual([expect.objectContaining({ dueAt: '2026-03-06T02:00:00.000Z', outcomeLabel: '漏消杀' })]);
    await http().get(`/funeral-homes/${HOME}/disinfection?date=2026-3-6`).set(bearer(countyOfficer)).expect(400);
  });
});
