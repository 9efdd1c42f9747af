import { INestApplication } from '@nestjs/common';
import { DailyReportSubmittedV1, DailyReportTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { IdempotencyStore } from '@civil/platform';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { DailyReportRepository } from '../src/daily-reports/infrastructure/daily-report.repository';
import { countyOfficer, startInstitutionMonitoring, unit, zeroCounts } from './support';

const staff = (unitId: string) => ({ sub: `staff-${unitId}`, roles: ['unit-staff' as const], jurisdiction: '330521101', unitId });
const DAY = '2026-03-02';

/**
 * A client that times out and sends its daily report again with the same Idempotency-Key gets
 * the first answer, not 409 ReportAlreadySubmitted; a key is for one request only; concurrent
 * duplicates have one effect — one report, one DailyReportSubmitted on Kafka.
 */
describe('Idempotency-Key: creates are safe to retry', () => {
  const run = isolatedRun('im-idempotency');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing, before the 10:00 deadline
  const topic = new TopicNames(run.topicPrefix).physical(DailyReportTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const file = (
    unitId: string,
    key?: string,
    counts: Record<string, unknown> = zeroCounts,
    who: Parameters<typeof bearer>[0] = staff(unitId),
  ) => {
    const req = http().post(`/institutions/${unitId}/daily-reports`).set(bearer(who));
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send({ reportDate: DAY, counts });
  };
  const submitted = (unitId: string) => recorder.of(topic, DailyReportSubmittedV1.type).filter((m) => m.key === unitId);
  // everything the service queued is published and every published message read: a second copy would be seen
  const settle = async () => {
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
  };

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    for (const id of ['u-idem-1', 'u-idem-2', 'u-idem-3', 'u-idem-4', 'u-idem-5'])
      await http().post('/institutions').set(bearer(countyOfficer)).send(unit(id)).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('answers a retried daily report with the first 201 and its body, marked as replayed, and files it once', async () => {
    const first = await file('u-idem-1', 'report-u-idem-1-2026-03-02').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await file('u-idem-1', 'report-u-idem-1-2026-03-02').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    // the same body with its fields in another order is the same request
    const reordered = Object.fromEntries(Object.entries(zeroCounts).reverse());
    expect((await file('u-idem-1', 'report-u-idem-1-2026-03-02', reordered).expect(201)).body).toEqual(first.body);
    // without a key a retry is what it always was
    expect((await file('u-idem-1').expect(409)).body.error).toBe('ReportAlreadySubmitted');
    await recorder.waitForKey(topic, 'u-idem-1', 1, DailyReportSubmittedV1.type);
    await settle();
    expect(submitted('u-idem-1')).toHaveLength(1);
  });

  it('refuses the same key with another body or for another unit (422), and keeps keys apart per caller', async () => {
    await file('u-idem-2', 'k-2').expect(201);
    const other = await file('u-idem-2', 'k-2', { ...zeroCounts, residents: 81 }).expect(422);
    expect(other.body).toMatchObject({ statusCode: 422, error: 'IdempotencyKeyReused' });
    const elsewhere = await http()
      .post('/institutions/u-idem-1/daily-reports')
      .set(bearer(staff('u-idem-2')))
      .set('Idempotency-Key', 'k-2')
      .send({ reportDate: DAY, counts: zeroCounts });
    expect([elsewhere.status, elsewhere.body.error]).toEqual([422, 'IdempotencyKeyReused']);
    // another caller's k-2 is another key: it runs (and finds the report filed)
    expect((await file('u-idem-2', 'k-2', zeroCounts, countyOfficer).expect(409)).body.error).toBe('ReportAlreadySubmitted');
  });

  it('does not keep a refused answer: a 4xx frees the key for the corrected request', async () => {
    const bad = await file('u-idem-4', 'k-4', { ...zeroCounts, residents: -1 }).expect(400);
    expect(bad.headers['idempotent-replayed']).toBeUndefined();
    const fixed = await file('u-idem-4', 'k-4').expect(201);
    expect(fixed.body).toMatchObject({ unitId: 'u-idem-4', reportDate: DAY });
  });

  it('refuses a malformed key with 400 before doing anything', async () => {
    for (const key of ['with space', 'tab\there', 'x'.repeat(256), 'clé', '']) {
      const res = await file('u-idem-5', key).expect(400);
      expect(res.body).toMatchObject({ error: 'InvalidIdempotencyKey', details: { field: 'Idempotency-Key' } });
    }
    expect(await app.get(DailyReportRepository).list({ jurisdiction: '330521101', unitId: 'u-idem-5', day: DAY }, 10)).toEqual([]);
    await file('u-idem-5', 'x'.repeat(255)).expect(201);
  });

  it('gives concurrent duplicates exactly one effect: one report, one event; the others wait their turn (409) or get the first answer', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => file('u-idem-3', 'burst-u-idem-3')));
    const made = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    expect(made).toHaveLength(1);
    for (const a of answers.filter((x) => x !== made[0])) {
      if (a.status === 201) expect([a.headers['idempotent-replayed'], a.body]).toEqual(['true', made[0].body]);
      else expect([a.status, a.body.error, a.headers['retry-after']]).toEqual([409, 'IdempotentRequestInProgress', '1']);
    }
    const after = await file('u-idem-3', 'burst-u-idem-3').expect(201);
    expect([after.headers['idempotent-replayed'], after.body]).toEqual(['true', made[0].body]);
    expect(await app.get(DailyReportRepository).list({ jurisdiction: '330521101', unitId: 'u-idem-3', day: DAY }, 10)).toHaveLength(1);
    await recorder.waitForKey(topic, 'u-idem-3', 1, DailyReportSubmittedV1.type);
    await settle();
    expect(submitted('u-idem-3')).toHaveLength(1);
  });

  it('keeps records for a day with their expiry, then purges them: the key is new again', async () => {
    const store = app.get(IdempotencyStore);
    clock.set('2026-03-03T00:59:00Z'); // 23 h 59 min later: still kept
    expect(await store.purgeExpired(clock.now())).toBe(0);
    clock.set('2026-03-03T01:00:01Z'); // past 24 h
    expect(await store.purgeExpired(clock.now())).toBeGreaterThan(0);
    const again = await file('u-idem-1', 'report-u-idem-1-2026-03-02');
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).not.toBe(201);
  });

  it('declares the header on every POST of its OpenAPI document', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    const posts = Object.values(doc.paths as Record<string, { post?: { parameters?: { name: string; in: string }[] } }>).flatMap((p) =>
      p.post ? [p.post] : [],
    );
    expect(posts.length).toBeGreaterThan(5);
    for (const post of posts)
      expect(post.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]),
      );
  });
});
