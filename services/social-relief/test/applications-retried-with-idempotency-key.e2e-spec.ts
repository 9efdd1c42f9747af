import { INestApplication } from '@nestjs/common';
import { ApplicationSubmittedV1, ApplicationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { idNumber, startSocialRelief, townshipOfficer } from './support';

/**
 * A relief application is a create whose id is new each time: without a key a retry files a
 * second application; with the same Idempotency-Key it gets the first answer, and a burst of
 * duplicates files exactly one (one document, one ApplicationSubmitted).
 */
describe('applications: Idempotency-Key makes a retried submission file one application', () => {
  const run = isolatedRun('sr-idempotency');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(ApplicationTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const body = { kind: 'extreme-poverty', divisionCode: '330521101', applicant: { name: '周某某', idNumber: idNumber('1950-02-02', 301) } };
  const submit = (key: string, b: object = body) =>
    http().post('/applications').set(bearer(townshipOfficer)).set('Idempotency-Key', key).send(b);
  const mine = async () => (await http().get('/applications').set(bearer(townshipOfficer)).expect(200)).body as { applicationId: string }[];

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('replays the first 201 to a retry and to concurrent duplicates; one application, one event', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit('apply-zhou-2026-03-02')));
    const made = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    expect(made).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const retry = await submit('apply-zhou-2026-03-02').expect(201);
    expect([retry.headers['idempotent-replayed'], retry.body]).toEqual(['true', made[0].body]);
    expect((await mine()).map((a) => a.applicationId)).toEqual([made[0].body.applicationId]);
    await recorder.waitForKey(topic, made[0].body.applicationId, 1, ApplicationSubmittedV1.type);
    // everything queued is published and read, so a second event would be seen
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(recorder.of(topic, ApplicationSubmittedV1.type)).toHaveLength(1);
  });

  it('refuses the key for another application (422) and files nothing for it', async () => {
    const other = await submit('apply-zhou-2026-03-02', { ...body, kind: 'temporary-relief', requestedAmountFen: 50_000 }).expect(422);
    expect(other.body.error).toBe('IdempotencyKeyReused');
    expect(await mine()).toHaveLength(1);
  });
});
