import { INestApplication } from '@nestjs/common';
import {
  CaseEscalatedV1,
  CaseOpenedV1,
  CaseResolvedV1,
  CaseTopic,
  DailyReportSubmittedV1,
  DailyReportTopic,
  ReportMissedV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { EscalateDueCasesService } from '@civil/supervision';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { BothServices, startBothServices } from './both-services';

/**
 * The first chain across both services, over real Kafka and a real database: units registered,
 * some reports in, the clock passes the deadline → ReportMissed for exactly the missing units →
 * cases → CaseEscalated after the interval → a late report resolves its case.
 */
describe('ReportMissed → case → CaseEscalated → CaseResolved, end to end', () => {
  const run = isolatedRun('e2e-chain');
  const clock = new SettableClock('2026-03-02T00:30:00Z'); // 08:30 in Beijing
  const names = new TopicNames(run.topicPrefix);
  const reportTopic = names.physical(DailyReportTopic.name);
  const caseTopic = names.physical(CaseTopic.name);
  const county = { sub: 'officer-deqing', roles: ['county-officer' as const], jurisdiction: '330521' };
  const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };
  const units = ['deqing-01', 'deqing-02', 'deqing-03', 'deqing-04', 'deqing-05', 'deqing-06'];
  /** A township of 德清 for each unit (乾元镇, 新市镇, 洛舍镇, 钟管镇, 雷甸镇, 禹越镇). */
  const townships = ['330521101', '330521102', '330521103', '330521104', '330521110', '330521113'];
  const onTime = ['deqing-01', 'deqing-03', 'deqing-05'];
  const missing = ['deqing-02', 'deqing-04', 'deqing-06'];
  const counts = {
    residents: 50,
    staffOnDuty: 14,
    newAdmissions: 0,
    temperatureAnomalies: 0,
    suspected: 0,
    confirmed: 0,
    isolated: 0,
    transferred: 0,
    deaths: 0,
    ppeDaysOfCover: 40,
    vaccinatedResidents: 0,
    vaccinatedStaff: 0,
  };
  let monitoring: INestApplication;
  let supervision: INestApplication;
  let recorder: TopicRecorder;
  let system: BothServices | undefined;

  beforeAll(async () => {
    system = await startBothServices(run, clock);
    ({ monitoring, supervision, recorder } = system);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('runs the whole chain', async () => {
    const im = request(monitoring.getHttpServer());
    for (const [i, u] of units.entries()) {
      await im
        .post('/institutions')
        .set(bearer(county))
        .send({
          unitId: u,
          name: `德清县第${i + 1}养老院`,
          unitType: 'elderly-care-home',
          operator: i % 2 ? 'public' : 'social-capital',
          divisionCode: townships[i],
          beds: 60,
          bedsInUse: 50,
        })
        .expect(201);
    }
    for (const u of onTime) {
      const staff = { sub: `staff-${u}`, roles: ['unit-staff' as const], jurisdiction: '330521', unitId: u };
      const res = await im
        .post(`/institutions/${u}/daily-reports`)
        .set(bearer(staff))
        .send({ reportDate: '2026-03-02', counts })
        .expect(201);
      expect(res.body.late).toBe(false);
    }

    clock.set('2026-03-02T02:00:30Z'); // 10:00:30 in Beijing: the default deadline has passed
    await im.post('/daily-reports/deadline-sweeps').set(bearer(admin)).expect(201);
    const missed = await recorder.waitForCount(reportTopic, missing.length, ReportMissedV1.type);
    expect(missed.map((m) => m.key).sort()).toEqual(missing);

    const sv = request(supervision.getHttpServer());
    const cases = await waitFor('a case for every missing unit', async () => {
      const found = (await sv.get('/cases').set(bearer(county)).expect(200)).body as any[];
      return found.length === missing.length ? found : undefined;
    });
    expect(cases.map((c) => c.subjectId).sort()).toEqual(missing);
    expect(cases.every((c) => c.level === 'township' && c.status === 'open' && c.occurrences === 1)).toBe(true);
    const opened = await recorder.waitForCount(caseTopic, missing.length, CaseOpenedV1.type);
    for (const o of opened) {
      const cause = missed.find((m) => m.key === o.json.subjectId)!;
      expect(o.headers.ce_causationid).toBe(cause.headers.ce_id);
      expect(o.headers.ce_correlationid).toBe(cause.headers.ce_correlationid);
    }

    // the township's 4 hours pass without action: every open case climbs to the county
    clock.set('2026-03-02T06:01:00Z');
    await supervision.get(EscalateDueCasesService).run();
    const escalated = await recorder.waitForCount(caseTopic, missing.length, CaseEscalatedV1.type);
    expect(escalated.map((e) => [e.json.subjectId, e.json.fromLevel, e.json.toLevel]).sort()).toEqual(
      missing.map((u) => [u, 'township', 'county']),
    );

    // one unit files late: accepted, marked late, and its case resolves with that event linked
    const staff = { sub: 'staff-deqing-04', roles: ['unit-staff' as const], jurisdiction: '330521', unitId: 'deqing-04' };
    const late = await im
      .post('/institutions/deqing-04/daily-reports')
      .set(bearer(staff))
      .send({ reportDate: '2026-03-02', counts })
      .expect(201);
    expect(late.body.late).toBe(true);
    const submitted = await waitFor('the late report on Kafka', () =>
      recorder.of(reportTopic, DailyReportSubmittedV1.type).find((m) => m.key === 'deqing-04'),
    );
    const [resolved] = await recorder.waitForCount(caseTopic, 1, CaseResolvedV1.type);
    expect(resolved.json).toMatchObject({ subjectId: 'deqing-04', level: 'county', resolvingEventId: submitted.headers.ce_id });
    const after = (await sv.get('/cases').query({ status: 'open' }).set(bearer(county)).expect(200)).body as any[];
    expect(after.map((c) => c.subjectId).sort()).toEqual(['deqing-02', 'deqing-06']);
  });
});
