import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { VolunteerRepository } from '../src/volunteers/infrastructure/volunteer.repository';
import { countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const SOCIAL_WORKER = '周社工';
const VOLUNTEER = '吴志愿';

describe('key-person visits by social workers and volunteers (seeds 001/002/004 社会组织、社工、志愿者), counted in the visit figures', () => {
  const run = isolatedRun('sr-kp-volunteers');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  let entryId: string;

  const register = (body: Record<string, unknown>, who: Parameters<typeof bearer>[0] = townshipOfficer) =>
    http().post('/volunteers').set(bearer(who)).send(body);
  const visit = (body: Record<string, unknown>) =>
    http()
      .post(`/key-person-lists/330521101/entries/${entryId}/visits`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'home-visit', findings: '生活正常', ...body });
  const figures = async (from = '2026-03-01', to = '2026-03-02') =>
    (await http().get(`/key-person-lists/330521101/visit-figures?from=${from}&to=${to}`).set(bearer(townshipOfficer)).expect(200)).body;
  const count = (f: { byVisitorKind: { kind: string; count: number }[] }, kind: string) =>
    f.byVisitorKind.find((k) => k.kind === kind)!.count;

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ name: '沈阿婆', idNumber: idNumber('1940-05-05', 77), categories: ['empty-nest-elderly'] })
      .expect(201);
    entryId = added.body.entry.entryId;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('registers social forces per division with the name encrypted, and counts the visits they make apart from the cadres’', async () => {
    const worker = await register({
      kind: 'social-worker',
      name: SOCIAL_WORKER,
      divisionCode: '330521101',
      organisation: '武康街道社工站',
    }).expect(201);
    expect(worker.body).toMatchObject({ kind: 'social-worker', kindLabel: '社会工作者（社工）', nameMasked: '周**' });
    const volunteer = await register({ kind: 'volunteer', name: VOLUNTEER, divisionCode: '330521101001' }).expect(201);
    const organisation = await register(
      { kind: 'social-organisation', name: '德清县慈善总会', divisionCode: '330521' },
      countyOfficer,
    ).expect(201);
    const elsewhere = await register({ kind: 'volunteer', name: '郑远方', divisionCode: '330521102' }, otherTownshipOfficer).expect(201);
    const stored = (await app.get(VolunteerRepository).get(worker.body.volunteerId))!.value;
    expect(stored.nameEnc).not.toContain(SOCIAL_WORKER);
    const listed = await http().get('/volunteers?divisionCode=330521101').set(bearer(townshipOfficer)).expect(200);
    expect(listed.body.items.map((v: { volunteerId: string }) => v.volunteerId).sort()).toEqual(
      [worker.body.volunteerId, volunteer.body.volunteerId].sort(),
    );
    expect(JSON.stringify(listed.body)).not.toMatch(new RegExp(`${SOCIAL_WORKER}|${VOLUNTEER}`));

    await visit({ visitedAt: '2026-03-01T01:00:00+08:00' }).expect(201);
    const byWorker = await visit({ visitedAt: '2026-03-01T09:00:00+08:00', volunteerId: worker.body.volunteerId }).expect(201);
    expect(byWorker.body.entry.visits[0]).toMatchObject({
      visitorKind: 'social-worker',
      volunteerId: worker.body.volunteerId,
      visitor: townshipOfficer.sub,
    });
    await visit({ visitedAt: '2026-03-01T15:00:00+08:00', mode: 'phone', volunteerId: volunteer.body.volunteerId }).expect(201);
    await visit({ visitedAt: '2026-03-02T08:00:00+08:00', volunteerId: organisation.body.volunteerId }).expect(201);
    // another township's volunteer, or an unknown one: the same 404, and nothing recorded
    expect((await visit({ volunteerId: elsewhere.body.volunteerId }).expect(404)).body.error).toBe('VolunteerNotFound');
    await visit({ volunteerId: 'vol-nobody' }).expect(404);

    const f = await figures();
    expect(f).toMatchObject({ townshipCode: '330521101', visits: 4 });
    expect([count(f, 'cadre'), count(f, 'social-worker'), count(f, 'volunteer'), count(f, 'social-organisation')]).toEqual([1, 1, 1, 1]);
    expect(f.byVisitorKind.find((k: { kind: string }) => k.kind === 'volunteer').label).toBe('志愿者');
    const firstDay = await figures('2026-03-01', '2026-03-01');
    expect([firstDay.visits, count(firstDay, 'social-organisation')]).toEqual([3, 0]);

    // figures are the township's own: another township's officer is refused; input is checked
    await http()
      .get('/key-person-lists/330521101/visit-figures?from=2026-03-01&to=2026-03-02')
      .set(bearer(otherTownshipOfficer))
      .expect(403);
    const bad = await http()
      .get('/key-person-lists/330521101/visit-figures?from=March&to=2026-03-02')
      .set(bearer(townshipOfficer))
      .expect(400);
    expect(bad.body.fields.map((x: { field: string }) => x.field)).toEqual(['from']);
    expect(
      (await register({ kind: 'helper', name: '', divisionCode: '33' }).expect(400)).body.fields
        .map((x: { field: string }) => x.field)
        .sort(),
    ).toEqual(['divisionCode', 'kind', 'name']);
    await register({ kind: 'volunteer', name: '某人', divisionCode: '330521102' }).expect(403);
  });
});
