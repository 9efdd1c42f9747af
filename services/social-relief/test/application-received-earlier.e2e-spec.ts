import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { ApplicationOverdueSweep } from '../src/applications/application/overdue-sweep.service';
import { countyOfficer, idNumber, startSocialRelief, townshipOfficer } from './support';

describe('a paper application entered later (补录): the step limits count from when it was received', () => {
  const run = isolatedRun('sr-app-received');
  const clock = new SettableClock('2026-03-10T02:00:00Z');
  let app: INestApplication;
  const submit = (receivedAt: string | undefined, seq: number) =>
    request(app.getHttpServer())
      .post('/applications')
      .set(bearer(townshipOfficer))
      .send({
        kind: 'extreme-poverty',
        divisionCode: '330521101',
        applicant: { name: `补录${seq}`, idNumber: idNumber('1958-08-08', 300 + seq) },
        ...(receivedAt ? { receivedAt } : {}),
      });

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('one received 5 days ago is past its 3-day acceptance limit at once; one received now is not', async () => {
    const earlier = await submit('2026-03-05T02:00:00Z', 1).expect(201);
    const fresh = await submit(undefined, 2).expect(201);
    expect(earlier.body).toMatchObject({ submittedAt: '2026-03-05T02:00:00.000Z' });
    await app.get(ApplicationOverdueSweep).sweep();
    const listed = await request(app.getHttpServer()).get('/applications?overdue=true').set(bearer(countyOfficer)).expect(200);
    const ids = listed.body.map((a: { applicationId: string }) => a.applicationId);
    expect(ids).toContain(earlier.body.applicationId);
    expect(ids).not.toContain(fresh.body.applicationId);
  });

  it('refuses a receipt time in the future, more than 30 days back, or without a time, naming the field', async () => {
    for (const receivedAt of ['2026-03-10T02:00:01Z', '2026-02-07T02:00:00Z', '2026-03-09']) {
      const res = await submit(receivedAt, 3).expect(400);
      expect(JSON.stringify(res.body)).toContain('receivedAt');
    }
  });
});
