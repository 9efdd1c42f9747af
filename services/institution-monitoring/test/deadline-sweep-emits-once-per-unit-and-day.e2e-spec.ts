import { INestApplication } from '@nestjs/common';
import { DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { DeadlineSweepService } from '../src/daily-reports/application/deadline-sweep.service';
import { countyOfficer, startInstitutionMonitoring, unit, zeroCounts } from './support';

describe('deadline sweep: exactly one ReportMissed per unit and day, with two replicas and a restart', () => {
  const run = isolatedRun('im-sweep');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing, before the 10:00 deadline
  const topic = new TopicNames(run.topicPrefix).physical(DailyReportTopic.name);
  const units = Array.from({ length: 30 }, (_, i) => `u-sweep-${String(i).padStart(2, '0')}`);
  const reporting = new Set(units.slice(0, 10));
  let a: INestApplication;
  let b: INestApplication;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    a = await startInstitutionMonitoring(run, clock);
    b = await startInstitutionMonitoring(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    for (const u of units) await request(a.getHttpServer()).post('/institutions').set(bearer(countyOfficer)).send(unit(u)).expect(201);
    for (const u of reporting) {
      await request(b.getHttpServer())
        .post(`/institutions/${u}/daily-reports`)
        .set(bearer(countyOfficer))
        .send({ reportDate: '2026-03-02', counts: zeroCounts })
        .expect(201);
    }
  });

  afterAll(async () => {
    await recorder.stop();
    await a?.close();
    await b?.close();
  });

  it('emits nothing before the deadline', async () => {
    const result = await a.get(DeadlineSweepService).sweep();
    expect(result.missed).toBe(0);
  });

  it('emits one ReportMissed for each unit without a report, however many replicas sweep at once', async () => {
    clock.set('2026-03-02T02:00:01Z'); // 10:00:01 Beijing
    const results = await Promise.all([
      a.get(DeadlineSweepService).sweep(),
      b.get(DeadlineSweepService).sweep(),
      a.get(DeadlineSweepService).sweep(),
    ]);
    expect(results.reduce((n, r) => n + r.recorded, 0)).toBe(20);

    const missing = units.filter((u) => !reporting.has(u));
    await recorder.waitForCount(topic, missing.length, ReportMissedV1.type);
    await Promise.all([a.get(OutboxRelay).flush(), b.get(OutboxRelay).flush()]);
    // both relays have drained; anything published twice would be on the topic by now
    await recorder.waitForCount(topic, 10, 'cn.gov.civilaffairs.institution.daily-report-submitted.v1');
    const missed = recorder.of(topic, ReportMissedV1.type);
    expect(missed.map((m) => m.key).sort()).toEqual(missing);
    expect(new Set(missed.map((m) => m.headers.ce_id)).size).toBe(missing.length);
    expect(missed.every((m) => m.json.reportDate === '2026-03-02' && m.json.deadline === '2026-03-02T02:00:00.000Z')).toBe(true);
  });

  it('emits nothing more after a replica restarts and sweeps again', async () => {
    await a.close();
    a = await startInstitutionMonitoring(run, clock);
    clock.set('2026-03-02T05:00:00Z');
    const again = await a.get(DeadlineSweepService).sweep();
    expect(again).toMatchObject({ missed: 0, recorded: 0 });
    await a.get(OutboxRelay).flush();
    expect(recorder.of(topic, ReportMissedV1.type)).toHaveLength(20);
  });

  it('accepts a report after the deadline as late, not missing, and publishes it', async () => {
    const late = await request(a.getHttpServer())
      .post(`/institutions/${units[29]}/daily-reports`)
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-02', counts: { ...zeroCounts, newAdmissions: 2 } })
      .expect(201);
    expect(late.body).toMatchObject({ late: true, zeroReport: false });
    const submitted = await waitFor('the late report on Kafka', () =>
      recorder.of(topic, 'cn.gov.civilaffairs.institution.daily-report-submitted.v1').find((m) => m.key === units[29]),
    );
    expect(submitted.json).toMatchObject({ late: true, reportDate: '2026-03-02', counts: { newAdmissions: 2 } });
  });
});
