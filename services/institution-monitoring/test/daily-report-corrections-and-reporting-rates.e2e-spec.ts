import { INestApplication } from '@nestjs/common';
import { DailyReportCorrectedV1, DailyReportTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { DeadlineSweepService } from '../src/daily-reports/application/deadline-sweep.service';
import { countyOfficer, startInstitutionMonitoring, unit, zeroCounts } from './support';

const staff = (unitId: string) => ({ sub: `staff-${unitId}`, roles: ['unit-staff' as const], jurisdiction: '330521101', unitId });
const townshipOfficer = { sub: 'officer-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };

describe('daily report corrections, the period lock, and reporting rates', () => {
  const run = isolatedRun('im-corrections');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing, deadline 10:00
  const topic = new TopicNames(run.topicPrefix).physical(DailyReportTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const file = (unitId: string, counts = zeroCounts) =>
    http()
      .post(`/institutions/${unitId}/daily-reports`)
      .set(bearer(staff(unitId)))
      .send({ reportDate: '2026-03-02', counts });

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    // the hand-computed fixture of reporting-rates.spec.ts, on the real service
    for (const [id, division, type] of [
      ['u-rate-a', '330521101', 'elderly-care-home'],
      ['u-rate-b', '330521101', 'elderly-care-home'],
      ['u-rate-c', '330521101', 'elderly-care-home'],
      ['u-rate-d', '330521102', 'elderly-care-home'],
      ['u-rate-f', '330521102', 'relief-station'],
    ]) {
      await http()
        .post('/institutions')
        .set(bearer(countyOfficer))
        .send(unit(id, division, type))
        .expect(201);
    }
    await http()
      .put('/regional-settings/report-expiry-days')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', value: 3 })
      .expect(200);
    await file('u-rate-a').expect(201);
    await http()
      .post('/institutions/u-rate-d/daily-reports')
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-02', counts: zeroCounts })
      .expect(201);
    await http()
      .post('/institutions/u-rate-f/daily-reports')
      .set(bearer(countyOfficer))
      .send({ reportDate: '2026-03-02', counts: zeroCounts })
      .expect(201);
    clock.set('2026-03-02T02:30:00Z'); // past the deadline
    await app.get(DeadlineSweepService).sweep();
    await file('u-rate-b').expect(201); // late
    clock.set('2026-03-02T03:00:00Z');
    await http().post('/institutions').set(bearer(countyOfficer)).send(unit('u-rate-e', '330521102')).expect(201); // after the deadline: owes nothing
  });

  afterAll(async () => {
    await recorder.stop();
    await app?.close();
  });

  it('computes the county reporting rates of the hand-computed fixture', async () => {
    const rates = await http()
      .get('/reporting-rates')
      .query({ date: '2026-03-02', divisionCode: '330521' })
      .set(bearer(countyOfficer))
      .expect(200);
    expect(rates.body).toMatchObject({ expected: 5, actual: 4, onTime: 3, late: 1, notReported: 1, reportingRate: 80, onTimeRate: 60 });
    expect(rates.body.byDivision).toEqual([
      expect.objectContaining({ divisionCode: '330521101', expected: 3, actual: 2, onTime: 1, reportingRate: 66.7, onTimeRate: 33.3 }),
      expect.objectContaining({ divisionCode: '330521102', expected: 2, actual: 2, onTime: 2, reportingRate: 100 }),
    ]);
    const relief = await http()
      .get('/reporting-rates')
      .query({ date: '2026-03-02', divisionCode: '330521', unitType: 'relief-station' })
      .set(bearer(countyOfficer))
      .expect(200);
    expect(relief.body).toMatchObject({ expected: 1, actual: 1, onTime: 1 });
  });

  it('drills down to the units that have not reported, at township level too', async () => {
    const gap = await http()
      .get('/reporting-rates/not-reported')
      .query({ date: '2026-03-02', divisionCode: '330521101' })
      .set(bearer(townshipOfficer))
      .expect(200);
    expect(gap.body).toEqual([expect.objectContaining({ unitId: 'u-rate-c', deadlinePassed: true })]);
    await http().get('/reporting-rates').query({ date: '2026-03-02', divisionCode: '330521' }).set(bearer(townshipOfficer)).expect(403);
    const bad = await http().get('/reporting-rates').query({ date: '2 March' }).set(bearer(countyOfficer)).expect(400);
    expect(bad.body.details).toEqual({ field: 'date' });
  });

  it('refuses figures that contradict each other, with the reason for each', async () => {
    const bad = await http()
      .post('/institutions/u-rate-c/daily-reports')
      .set(bearer(staff('u-rate-c')))
      .send({ reportDate: '2026-03-02', counts: { ...zeroCounts, transferred: 2, newAdmissions: 81 } })
      .expect(400);
    expect(bad.body.error).toBe('InconsistentFigures');
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['counts.newAdmissions', 'counts.transferred']);
    const blank = await http()
      .post('/institutions/u-rate-c/daily-reports')
      .set(bearer(staff('u-rate-c')))
      .send({ reportDate: '2026-03-02', counts: { ...zeroCounts, ppeDaysOfCover: undefined } })
      .expect(400);
    expect(blank.body.fields).toEqual([
      { field: 'counts.ppeDaysOfCover', reasons: expect.arrayContaining([expect.stringContaining('零报告')]) },
    ]);
  });

  it('corrects a report before the lock, audited and published with every figure', async () => {
    clock.set('2026-03-05T15:59:00Z'); // 23:59 on 5 March: the last minute of the 3 expiry days
    const corrected = await http()
      .put('/institutions/u-rate-a/daily-reports/2026-03-02')
      .set(bearer(staff('u-rate-a')))
      .send({ counts: { ...zeroCounts, newAdmissions: 1, isolated: 1 }, reason: '漏报一名新入院老人' })
      .expect(200);
    expect(corrected.body).toMatchObject({
      zeroReport: false,
      locked: false,
      locksAt: '2026-03-05T16:00:00.000Z',
      corrections: [
        {
          correction: 1,
          by: 'staff-u-rate-a',
          changedFields: ['newAdmissions', 'isolated'],
          before: { newAdmissions: 0, isolated: 0 },
          after: { newAdmissions: 1, isolated: 1 },
        },
      ],
    });
    const [m] = await recorder.waitForCount(topic, 1, DailyReportCorrectedV1.type);
    expect(m.key).toBe('u-rate-a');
    expect(m.headers).toMatchObject({ ce_type: DailyReportCorrectedV1.type, ce_subject: 'u-rate-a:2026-03-02' });
    expect(m.json).toMatchObject({
      correction: 1,
      underLockException: false,
      counts: { ...zeroCounts, newAdmissions: 1, isolated: 1 },
      reason: '漏报一名新入院老人',
    });
  });

  it('refuses a correction once the period locked, until the county grants an exception', async () => {
    clock.set('2026-03-05T16:00:00Z');
    const locked = await http()
      .put('/institutions/u-rate-a/daily-reports/2026-03-02')
      .set(bearer(staff('u-rate-a')))
      .send({ counts: zeroCounts, reason: '撤回' })
      .expect(409);
    expect(locked.body).toMatchObject({ error: 'ReportPeriodLocked', details: { rule: 'period-locked' } });
    await http()
      .post('/institutions/u-rate-a/daily-reports/2026-03-02/lock-exceptions')
      .set(bearer(staff('u-rate-a')))
      .send({ reason: 'x' })
      .expect(403);
    await http()
      .post('/institutions/u-rate-a/daily-reports/2026-03-02/lock-exceptions')
      .set(bearer(countyOfficer))
      .send({ reason: '经核实允许更正', expiresOn: '2026-03-06' })
      .expect(201);
    const ok = await http()
      .put('/institutions/u-rate-a/daily-reports/2026-03-02')
      .set(bearer(staff('u-rate-a')))
      .send({ counts: zeroCounts, reason: '撤回' })
      .expect(200);
    expect(ok.body.corrections).toHaveLength(2);
    expect(ok.body.corrections[1]).toMatchObject({ underLockException: true });
    clock.set('2026-03-06T16:00:00Z'); // the exception ran to the end of 6 March
    await http()
      .put('/institutions/u-rate-a/daily-reports/2026-03-02')
      .set(bearer(staff('u-rate-a')))
      .send({ counts: { ...zeroCounts, deaths: 1 }, reason: 'x' })
      .expect(409);
  });

  it('refuses to correct a missed day and another unit’s report', async () => {
    clock.set('2026-03-03T00:00:00Z');
    const missed = await http()
      .put('/institutions/u-rate-c/daily-reports/2026-03-02')
      .set(bearer(staff('u-rate-c')))
      .send({ counts: zeroCounts, reason: 'x' })
      .expect(409);
    expect(missed.body.error).toBe('ReportNotSubmitted');
    await http()
      .put('/institutions/u-rate-b/daily-reports/2026-03-02')
      .set(bearer(staff('u-rate-c')))
      .send({ counts: zeroCounts, reason: 'x' })
      .expect(404);
  });
});
