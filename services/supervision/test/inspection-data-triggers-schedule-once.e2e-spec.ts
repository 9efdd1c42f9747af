import { INestApplication } from '@nestjs/common';
import { InspectionScheduledV1, InspectionTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { eventKey } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { TriggerSubjectRepository } from '../src/inspections/infrastructure/trigger-subject.repository';
import { everythingOnKeyRead, institutionRegisteredRecord, startSupervision, symptomCaseRecord, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };

describe('inspections: data rules schedule one inspection per unit while it is pending', () => {
  const run = isolatedRun('sv-insp-triggers');
  const clock = new SettableClock('2026-03-05T03:00:00Z'); // 11:00 on 2026-03-05 in Beijing
  const up = upstream(run);
  const topic = up.names.physical(InspectionTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;

  const scheduledFor = (unitId: string) => recorder.of(topic, InspectionScheduledV1.type).filter((m) => m.json.unitId === unitId);
  /** Waits until the rule has applied an event (so a redelivery or a non-firing signal is proven processed). */
  const applied = (unitId: string, record: { headers: Record<string, string> }) =>
    waitFor(`${record.headers.ce_id} applied to ${unitId}`, async () => {
      const subject = await app.get(TriggerSubjectRepository).get(unitId);
      return subject?.value.appliedEvents.includes(eventKey({ source: record.headers.ce_source, id: record.headers.ce_id }))
        ? subject.value
        : undefined;
    });
  /**
   * The InspectionScheduled events of one inspection, read once the recorder has provably seen all
   * of them: after a flush of the outbox, a marker sent on the same key (same partition) comes
   * after any event published for that inspection.
   */
  async function scheduledOnTheWire(inspectionId: string) {
    await everythingOnKeyRead(app, up, recorder, InspectionTopic.name, inspectionId);
    return recorder.of(topic, InspectionScheduledV1.type).filter((m) => m.key === inspectionId);
  }
  const inspectionsOf = async (unitId: string) =>
    (await http.get('/inspections').set(bearer(county)).expect(200)).body.filter((i: { unitId: string }) => i.unitId === unitId);

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await up.publisher.publish(['u-sym', 'u-miss', 'u-two', 'u-few', 'u-run', 'u-run-2'].map((u) => institutionRegisteredRecord(u)));
    await waitFor('the unit copy', async () =>
      (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body.unitsTotal === 6 ? true : undefined,
    );
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('schedules one announced inspection when the symptom cases since the last report reach 3, not at 2, not again on redelivery', async () => {
    const second = symptomCaseRecord('u-sym', 'sc-2', 2);
    const third = symptomCaseRecord('u-sym', 'sc-3', 3);
    const fourth = symptomCaseRecord('u-sym', 'sc-4', 4);
    await up.publisher.publish([second]);
    await applied('u-sym', second);
    await up.publisher.publish([third]);
    await up.publisher.publish([third, fourth]); // a redelivery, then a further case while the inspection is pending
    await applied('u-sym', fourth);
    const [scheduled] = await recorder.waitForCount(topic, 1, InspectionScheduledV1.type);
    expect(await scheduledOnTheWire(scheduled.key!)).toHaveLength(1);
    expect(scheduled.json).toMatchObject({
      unitId: 'u-sym',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      mode: 'announced',
      planId: null,
      teamId: null,
      scheduledDate: '2026-03-08',
      trigger: { rule: 'symptom-cases', threshold: 3, observed: 3, evidenceEventIds: [third.headers.ce_id] },
    });
    expect(scheduled.headers.ce_causationid).toBe(third.headers.ce_id);
    // events live only in inspection documents: one document, so no second inspection was published
    const found = await inspectionsOf('u-sym');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ inspectionId: scheduled.key, status: 'scheduled', trigger: { rule: 'symptom-cases' } });
  });

  it('schedules one inspection on the third missed report within 7 days, carrying the three misses as evidence', async () => {
    const misses = ['2026-03-03', '2026-03-04', '2026-03-05'].map((d) => up.missedRecord('u-miss', d));
    await up.publisher.publish(misses.slice(0, 2));
    expect((await applied('u-miss', misses[1])).pendingInspectionId).toBeNull();
    expect(await inspectionsOf('u-miss')).toEqual([]);
    await up.publisher.publish([misses[2]]);
    await up.publisher.publish([misses[2]]); // redelivered
    const [scheduled] = await waitFor('InspectionScheduled for u-miss', () =>
      scheduledFor('u-miss').length ? scheduledFor('u-miss') : undefined,
    );
    expect(scheduled.json.trigger).toEqual({
      rule: 'reports-missed',
      threshold: 3,
      observed: 3,
      evidenceEventIds: misses.map((m) => m.headers.ce_id),
    });
    // a later miss proves the redelivery was handled before it; the pending inspection holds off another
    const later = up.missedRecord('u-miss', '2026-03-06');
    clock.set('2026-03-06T03:00:00Z');
    await up.publisher.publish([later]);
    expect((await applied('u-miss', later)).pendingInspectionId).toBe(scheduled.key);
    expect((await inspectionsOf('u-miss')).map((i: { inspectionId: string }) => i.inspectionId)).toEqual([scheduled.key]);
    expect(await scheduledOnTheWire(scheduled.key!)).toHaveLength(1);
  });

  it('folds a run of misses per unit: three misses and a duplicate in one batch schedule one inspection, a neighbour’s two none', async () => {
    clock.set('2026-03-05T03:00:00Z');
    const run3 = ['2026-03-03', '2026-03-04', '2026-03-05'].map((d) => up.missedRecord('u-run', d));
    const run2 = ['2026-03-04', '2026-03-05'].map((d) => up.missedRecord('u-run-2', d));
    // one publish: the records of each key arrive in one partition's run, interleaved with the other unit's
    await up.publisher.publish([run3[0], run2[0], run3[1], run3[1], run2[1], run3[2], run3[2]]);
    const subject = await applied('u-run', run3[2]);
    expect((await applied('u-run-2', run2[1])).pendingInspectionId).toBeNull();
    const found = await inspectionsOf('u-run');
    expect(found).toHaveLength(1);
    expect(subject.pendingInspectionId).toBe(found[0].inspectionId);
    expect(subject.generation).toBe(1);
    expect(subject.misses).toEqual([]);
    expect(found[0].trigger).toEqual({
      rule: 'reports-missed',
      threshold: 3,
      observed: 3,
      evidenceEventIds: run3.map((m) => m.headers.ce_id),
    });
    expect(await scheduledOnTheWire(found[0].inspectionId)).toHaveLength(1);
    expect(await inspectionsOf('u-run-2')).toEqual([]);
  });

  it('does not trigger on two symptom cases, two misses, or three misses of which one is older than the window', async () => {
    clock.set('2026-03-05T03:00:00Z');
    const cases = [symptomCaseRecord('u-few', 'sc-f1', 1), symptomCaseRecord('u-few', 'sc-f2', 2)];
    await up.publisher.publish(cases);
    const misses = ['2026-02-20', '2026-03-04', '2026-03-05'].map((d) => up.missedRecord('u-two', d));
    await up.publisher.publish(misses);
    await applied('u-few', cases[1]);
    const subject = await applied('u-two', misses[2]);
    expect(subject.pendingInspectionId).toBeNull();
    expect((await app.get(TriggerSubjectRepository).get('u-few'))?.value.pendingInspectionId).toBeNull();
    // no inspection document, so nothing was (or can be) published for these units
    expect(await inspectionsOf('u-few')).toEqual([]);
    expect(await inspectionsOf('u-two')).toEqual([]);
  });

  it('follows the region’s settings: threshold, days to inspect, and unannounced mode (published only at start)', async () => {
    const province = { sub: 'o-prov', roles: ['province-officer' as const], jurisdiction: '33' };
    await http
      .put('/regional-settings/inspection-trigger-symptom-cases')
      .set(bearer(province))
      .send({ divisionCode: '330521', value: 2 })
      .expect(200);
    await http
      .put('/regional-settings/inspection-trigger-within-days')
      .set(bearer(province))
      .send({ divisionCode: '330521', value: 1 })
      .expect(200);
    await http
      .put('/regional-settings/inspection-trigger-mode')
      .set(bearer(province))
      .send({ divisionCode: '330521', value: 1 })
      .expect(200);
    const twoCases = symptomCaseRecord('u-few', 'sc-f3', 2);
    await up.publisher.publish([twoCases]);
    await applied('u-few', twoCases);
    const [inspection] = await inspectionsOf('u-few');
    expect(inspection).toMatchObject({
      mode: 'unannounced',
      scheduledDate: '2026-03-06',
      trigger: { rule: 'symptom-cases', threshold: 2, observed: 2 },
    });
    expect(await scheduledOnTheWire(inspection.inspectionId)).toEqual([]);
    const staff = { sub: 's-few', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-few' };
    expect((await http.get('/inspections').set(bearer(staff)).expect(200)).body).toEqual([]);
    await http.get(`/inspections/${inspection.inspectionId}`).set(bearer(staff)).expect(404);
  });
});
