import { INestApplication } from '@nestjs/common';
import {
  AccountabilityCaseOpenedV1,
  AccountabilityTopic,
  CaseOpenedV1,
  CaseResolvedV1,
  CaseTopic,
  ResidentTransferredV1,
  SymptomCaseEndedV1,
  SymptomCaseOutcome,
} from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { createEvent, OutgoingRecord, toKafkaRecord } from '@civil/messaging';
import { Role } from '@civil/platform';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { EscalateDueCasesService } from '../src/cases/application/escalate-due-cases.service';
import { startSupervision, symptomCaseRecord, upstream } from './support';

const who = (role: Role, jurisdiction: string) => ({ sub: `${role}-${jurisdiction}`, roles: [role], jurisdiction });
const county = who('county-officer', '330521');
const province = who('province-officer', '33');
const discipline = who('discipline-officer', '330521');
/** symptomCaseRecord's detection time. */
const DETECTED = '2026-03-05T01:00:00.000Z';

function endedRecord(unitId: string, symptomCaseId: string, outcome: SymptomCaseOutcome, endedAt: string): OutgoingRecord {
  const data = {
    unitId,
    unitType: 'elderly-care-home' as const,
    divisionCode: '330521101',
    symptomCaseId,
    residentRef: `r-${symptomCaseId}`,
    outcome,
    detectedAt: DETECTED,
    endedAt,
  };
  const e = createEvent(SymptomCaseEndedV1, data, { id: deterministicId(SymptomCaseEndedV1.type, symptomCaseId), time: new Date(endedAt) });
  return toKafkaRecord(e, SymptomCaseEndedV1.topic, unitId);
}

function transferredRecord(unitId: string, symptomCaseId: string, transferredAt: string): OutgoingRecord {
  const data = {
    unitId,
    unitType: 'elderly-care-home' as const,
    divisionCode: '330521101',
    symptomCaseId,
    residentRef: `r-${symptomCaseId}`,
    hospital: '德清县人民医院（定点医院）',
    transferredAt,
    detectedAt: DETECTED,
  };
  const e = createEvent(ResidentTransferredV1, data, {
    id: deterministicId(ResidentTransferredV1.type, symptomCaseId),
    time: new Date(transferredAt),
  });
  return toKafkaRecord(e, ResidentTransferredV1.topic, unitId);
}

describe('symptom cases: every way an episode ends closes the case with its reason; a late transfer is 不及时送医, never concealment', () => {
  const run = isolatedRun('sv-symptom-ends');
  const clock = new SettableClock('2026-03-05T01:05:00Z');
  const up = upstream(run);
  const caseTopic = up.names.physical(CaseTopic.name);
  const accTopic = up.names.physical(AccountabilityTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;

  const openedFor = (unitId: string) =>
    waitFor(`CaseOpened for ${unitId}`, () => recorder.of(caseTopic, CaseOpenedV1.type).find((m) => m.json.subjectId === unitId));
  const resolvedFor = (unitId: string) =>
    waitFor(`CaseResolved for ${unitId}`, () => recorder.of(caseTopic, CaseResolvedV1.type).find((m) => m.json.subjectId === unitId));
  const accountabilityOf = (unitId: string) =>
    recorder.of(accTopic, AccountabilityCaseOpenedV1.type).filter((m) => m.json.subject.id === unitId);

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([caseTopic, accTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await up.publisher.disconnect();
    await app?.close();
  });

  it('seed 004 (重要情况第一时间上报…厅值班室): an urgent symptom case is reported to the province at once by default', async () => {
    await up.publisher.publish([symptomCaseRecord('u-urgent', 'sc-urgent', 1)]);
    const opened = await openedFor('u-urgent');
    expect(opened.json).toMatchObject({ caseType: 'symptom-case', level: 'county', reportedTo: 'province' });
    const [held] = (await http.get('/cases').query({ caseType: 'symptom-case' }).set(bearer(county)).expect(200)).body.filter(
      (c: { subjectId: string }) => c.subjectId === 'u-urgent',
    );
    expect(held).toMatchObject({ level: 'county', reportedTo: 'province' });
  });

  it.each([
    ['cleared (排除: tested negative)', 'u-cleared', 'cleared', 'symptom-case-cleared'],
    ['recovered in the unit where the health authority allowed it', 'u-recovered', 'recovered-in-place', 'recovered-in-place'],
    ['the resident died', 'u-died', 'died', 'resident-died'],
  ] as const)('an episode that ends %s resolves the case with that reason', async (_how, unitId, outcome, resolution) => {
    const caseId = `sc-${unitId}`;
    await up.publisher.publish([symptomCaseRecord(unitId, caseId, 1)]);
    const opened = await openedFor(unitId);
    await up.publisher.publish([endedRecord(unitId, caseId, outcome, '2026-03-05T03:00:00.000Z')]);
    const resolved = await resolvedFor(unitId);
    expect(resolved.json).toMatchObject({ caseId: opened.json.caseId, resolution });
    expect(resolved.headers.ce_causationid).toBe(deterministicId(SymptomCaseEndedV1.type, caseId));
    const detail = (await http.get(`/cases/${opened.json.caseId}`).set(bearer(county)).expect(200)).body;
    expect(detail).toMatchObject({ status: 'resolved', resolution, outstanding: [] });
  });

  it('a case left open climbs to the province without opening any accountability case (the unit did report)', async () => {
    await up.publisher.publish([symptomCaseRecord('u-climb', 'sc-climb', 1)]);
    const opened = await openedFor('u-climb');
    const escalate = app.get(EscalateDueCasesService);
    clock.set('2026-03-05T04:00:00Z'); // past county's 2 h
    await escalate.run();
    clock.set('2026-03-05T09:00:00Z'); // past city's 4 h
    await escalate.run();
    const at = (await http.get(`/cases/${opened.json.caseId}`).set(bearer(province)).expect(200)).body;
    expect(at.level).toBe('province');
    const rules = (await http.get('/accountability-rules').set(bearer(discipline)).expect(200)).body;
    expect(rules.find((r: { caseType: string }) => r.caseType === 'symptom-case')).toMatchObject({ rule: null });
    // every accountability event on the topic is read by now: one for a later unit proves the order below
    await up.publisher.publish([symptomCaseRecord('u-late', 'sc-late', 1)]);
    await openedFor('u-late');
    await up.publisher.publish([transferredRecord('u-late', 'sc-late', '2026-03-05T04:30:00.000Z')]);
    await waitFor('the late transfer’s accountability case', () => accountabilityOf('u-late')[0]);
    expect(accountabilityOf('u-climb')).toEqual([]);
    const listed = (await http.get('/accountability-cases').set(bearer(discipline)).expect(200)).body;
    expect(listed.filter((c: { subject: { id: string } }) => c.subject.id === 'u-climb')).toEqual([]);
  });

  it('seed 000 (不及时送老人就医): a transfer 3.5 h after detection, past the 2 h limit, opens 不及时送医 against the unit, once', async () => {
    const [opened] = await waitFor('one accountability case for u-late', () =>
      accountabilityOf('u-late').length ? accountabilityOf('u-late') : undefined,
    );
    expect(opened.json).toMatchObject({
      trigger: 'not-hospitalised-in-time',
      subject: { kind: 'unit', id: 'u-late', divisionCode: '330521101' },
    });
    expect(opened.json.evidenceEventIds).toEqual([deterministicId(ResidentTransferredV1.type, 'sc-late')]);
    const detail = (await http.get(`/accountability-cases/${opened.json.accountabilityCaseId}`).set(bearer(discipline)).expect(200)).body;
    expect(detail.evidence).toEqual([
      expect.objectContaining({ type: ResidentTransferredV1.type, note: 'transferred 3.5 h after the symptoms were detected (limit 2 h)' }),
    ]);
    // the symptom case itself is resolved by the transfer
    expect((await resolvedFor('u-late')).json.resolution).toBe('resident-transferred');
    // redelivered, then a second late episode on the same key: once the second is answered for, the redelivery was handled
    await up.publisher.publish([transferredRecord('u-late', 'sc-late', '2026-03-05T04:30:00.000Z')]);
    await up.publisher.publish([
      symptomCaseRecord('u-late', 'sc-late-2', 1),
      transferredRecord('u-late', 'sc-late-2', '2026-03-05T09:30:00.000Z'),
    ]);
    await waitFor('the second episode’s accountability case', () => (accountabilityOf('u-late').length >= 2 ? true : undefined));
    const ids = accountabilityOf('u-late').map((m) => m.json.accountabilityCaseId);
    expect(ids).toEqual([opened.json.accountabilityCaseId, expect.any(String)]);
    const second = (await http.get(`/accountability-cases/${ids[1]}`).set(bearer(discipline)).expect(200)).body;
    expect(second.summary).toContain('sc-late-2');
  });

  it('a transfer within the limit opens nothing; a region that sets a longer limit is held to it', async () => {
    await http
      .put('/regional-settings/symptom-transfer-limit-hours')
      .set(bearer(province))
      .send({ divisionCode: '330521', value: 6 })
      .expect(200);
    // 1.5 h and 5 h: within the region's 6; then, on the same key, 7 h: past it (and proof the two before were handled)
    await up.publisher.publish([
      symptomCaseRecord('u-quick', 'sc-quick', 1),
      transferredRecord('u-quick', 'sc-quick', '2026-03-05T02:30:00.000Z'),
      symptomCaseRecord('u-quick', 'sc-five', 1),
      transferredRecord('u-quick', 'sc-five', '2026-03-05T06:00:00.000Z'),
      symptomCaseRecord('u-quick', 'sc-seven', 1),
      transferredRecord('u-quick', 'sc-seven', '2026-03-05T08:00:00.000Z'),
    ]);
    const [slow] = await waitFor('u-quick’s accountability case', () =>
      accountabilityOf('u-quick').length ? accountabilityOf('u-quick') : undefined,
    );
    const detail = (await http.get(`/accountability-cases/${slow.json.accountabilityCaseId}`).set(bearer(discipline)).expect(200)).body;
    expect(detail.evidence[0].note).toBe('transferred 7 h after the symptoms were detected (limit 6 h)');
    expect(detail.summary).toContain('sc-seven');
    expect(accountabilityOf('u-quick')).toHaveLength(1);
  });
});
