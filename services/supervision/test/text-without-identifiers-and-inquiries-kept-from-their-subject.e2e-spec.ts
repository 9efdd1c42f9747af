import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { startSupervision } from './support';

const inspector = { sub: 'insp-3305', roles: ['inspector' as const], jurisdiction: '3305' };
const discipline = { sub: 'ji-330521', roles: ['discipline-officer' as const], jurisdiction: '330521' };
const townshipOfficer = { sub: 't-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
const countyOfficer = { sub: 'c-330521', roles: ['county-officer' as const], jurisdiction: '330521' };

describe('free text that travels holds no ID or phone numbers; an open inquiry is kept from the office it is about', () => {
  const run = isolatedRun('sv-text-inquiry');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses an issue summary with an ID number and a revisit reason with a phone number, naming the field', async () => {
    const bad = await http
      .post('/rectification-issues')
      .set(bearer(inspector))
      .send({
        divisionCode: '330521101',
        summary: '老人 330521194901011234 未隔离',
        severity: 'E',
        dueDate: '2026-03-10',
        responsibleHead: '德清县民政局局长',
      })
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'summary', reasons: [expect.stringContaining('must not contain an ID number')] }]);
    const ok = (
      await http
        .post('/rectification-issues')
        .set(bearer(inspector))
        .send({
          divisionCode: '330521101',
          summary: '隔离观察室未设置',
          severity: 'E',
          dueDate: '2026-03-10',
          responsibleHead: '德清县民政局局长',
        })
        .expect(201)
    ).body;
    await http.post(`/rectification-issues/${ok.issueId}/evidence`).set(bearer(countyOfficer)).send({ description: '已设置' }).expect(200);
    const phone = await http
      .post(`/rectification-issues/${ok.issueId}/revisits`)
      .set(bearer(inspector))
      .send({ accepted: false, reason: '请联系 13805712345 补充材料' })
      .expect(400);
    expect(phone.body.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
  });

  it('a township’s officers do not see an open inquiry about their township, by list or by id; once decided they do', async () => {
    const opened = (
      await http
        .post('/accountability-cases')
        .set(bearer(discipline))
        .send({
          trigger: 'missed-visits',
          subject: { kind: 'township', id: '330521101', divisionCode: '330521101' },
          evidence: [{ eventId: 'e-visit-overdue-1' }],
          summary: '多名重点人员走访逾期',
        })
        .expect(201)
    ).body;
    const id = opened.accountabilityCaseId;
    expect((await http.get('/accountability-cases').set(bearer(townshipOfficer)).expect(200)).body).toEqual([]);
    await http.get(`/accountability-cases/${id}`).set(bearer(townshipOfficer)).expect(404);
    // the county above it sees it
    expect(
      (await http.get('/accountability-cases').set(bearer(countyOfficer)).expect(200)).body.map(
        (c: { accountabilityCaseId: string }) => c.accountabilityCaseId,
      ),
    ).toEqual([id]);

    await http.post(`/accountability-cases/${id}/outcome`).set(bearer(discipline)).send({ outcome: 'public-criticism' }).expect(200);
    expect(
      (await http.get('/accountability-cases').set(bearer(townshipOfficer)).expect(200)).body.map(
        (c: { accountabilityCaseId: string }) => c.accountabilityCaseId,
      ),
    ).toEqual([id]);
    await http.get(`/accountability-cases/${id}`).set(bearer(townshipOfficer)).expect(200);
  });
});
