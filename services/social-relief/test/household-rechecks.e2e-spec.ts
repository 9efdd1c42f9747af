import { INestApplication } from '@nestjs/common';
import { HouseholdCategoryDeterminedV1, HouseholdExitedV1, HouseholdTopic, RecheckMissedV1, RecheckRecordedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { HouseholdRegisters } from '../src/households/application/household-registers';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

type Officer = typeof townshipOfficer | typeof otherTownshipOfficer;

describe('households: periodic re-checks (定期核查), missed, extended and exits paused in risk areas', () => {
  const run = isolatedRun('sr-household-rechecks');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(HouseholdTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const recheckSweep = async () => (await http().post('/households/recheck-sweeps').set(bearer(admin)).expect(200)).body;
  const phaseOutSweep = async () => (await http().post('/households/phase-out-sweeps').set(bearer(admin)).expect(200)).body;
  const ids: Record<string, { householdId: string; memberIds: string[]; officer: Officer }> = {};
  const of = (type: string, householdId: string) => recorder.of(topic, type).filter((m) => m.key === householdId);

  /** A couple on 1,000 元 a month, enrolled on 低保 by an approved application on the clock's day. */
  async function enrolledCouple(label: string, divisionCode: string, officer: Officer, seq: number) {
    const created = await http()
      .post('/households')
      .set(bearer(officer))
      .send({
        divisionCode,
        members: [
          { name: `${label}甲`, idNumber: idNumber('1970-01-01', seq), relation: 'head', canWork: true },
          { name: `${label}乙`, idNumber: idNumber('1972-01-01', seq + 2), relation: 'spouse', canWork: false },
        ],
        incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 100_000, verifiable: true }],
      })
      .expect(201);
    const householdId = created.body.householdId;
    await http().post(`/households/${householdId}/assessments`).set(bearer(officer)).expect(201);
    await app.get(HouseholdRegisters).enrolFromApplication(householdId, 'dibao', `app-${label}`, clock.now());
    ids[label] = { householdId, memberIds: created.body.members.map((m: { personId: string }) => m.personId), officer };
  }

  const recheck = (label: string, body: Record<string, unknown>) =>
    http().post(`/households/${ids[label].householdId}/rechecks`).set(bearer(ids[label].officer)).send(body);
  const schedule = async (label: string) =>
    (await http().get(`/households/${ids[label].householdId}/rechecks`).set(bearer(ids[label].officer)).expect(200)).body;
  const setRisk = (level: string) =>
    http()
      .put('/area-risk-levels/330521102')
      .set(bearer(countyOfficer))
      .send({ level, reason: level === 'low' ? '解除封控' : '指挥部通告第12号' })
      .expect((r) => expect([200, 201]).toContain(r.status));

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    await enrolledCouple('yearly', '330521101', townshipOfficer, 41);
    await enrolledCouple('miss', '330521101', townshipOfficer, 51);
    await enrolledCouple('risk', '330521102', otherTownshipOfficer, 61);
    await enrolledCouple('change', '330521101', townshipOfficer, 71);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('schedules the first re-check a year after enrolment (class A), and by the class a re-check sets', async () => {
    expect(await schedule('yearly')).toMatchObject({
      status: 'enrolled',
      schedule: {
        recheckClass: 'A',
        recheckClassLabel: 'A类（收入稳定，按年核查）',
        since: '2026-03-02',
        dueOn: '2027-03-02',
        cadenceMonths: 12,
      },
      areaElevated: false,
      effectiveDueOn: '2027-03-02',
      graceEndsOn: '2027-03-17',
      extendedDays: 0,
    });
    for (const label of ['miss', 'risk']) {
      const r = await recheck(label, { outcome: 'unchanged', recheckClass: 'C', findings: '入户核查：成员有劳动能力，收入不固定' }).expect(
        201,
      );
      expect(r.body.recheck).toMatchObject({
        outcome: 'unchanged',
        outcomeLabel: '收入和人口无变化',
        recheckClass: 'C',
        dueOn: '2027-03-02',
        missed: false,
      });
      expect(r.body.household.recheck).toMatchObject({ recheckClass: 'C', since: '2026-03-02', dueOn: '2026-06-02', cadenceMonths: 3 });
    }
    const b = await recheck('change', { outcome: 'unchanged', recheckClass: 'B', findings: '无变化' }).expect(201);
    expect(b.body.household.recheck).toMatchObject({ recheckClass: 'B', dueOn: '2026-09-02', cadenceMonths: 6 });
  });

  it('refuses bad input (400 naming the field), households out of reach (404) and households on no register (409)', async () => {
    const bad = await recheck('miss', { outcome: 'fine', findings: '' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['findings', 'outcome']);
    const future = await recheck('miss', { outcome: 'unchanged', findings: '无变化', checkedOn: '2026-03-09' }).expect(400);
    expect(future.body).toMatchObject({ error: 'RecheckInFuture', details: { field: 'checkedOn' } });
    await http()
      .post(`/households/${ids.miss.householdId}/rechecks`)
      .set(bearer(otherTownshipOfficer))
      .send({ outcome: 'unchanged', findings: 'x' })
      .expect(404);
    await http().get(`/households/${ids.miss.householdId}/rechecks`).set(bearer(otherTownshipOfficer)).expect(404);
    const loose = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({
        divisionCode: '330521101',
        members: [{ name: '未纳入', idNumber: idNumber('1980-01-01', 81), relation: 'head', canWork: true }],
      })
      .expect(201);
    const notEnrolled = await http()
      .post(`/households/${loose.body.householdId}/rechecks`)
      .set(bearer(townshipOfficer))
      .send({ outcome: 'unchanged', findings: '无变化' })
      .expect(409);
    expect(notEnrolled.body.error).toBe('NotEnrolled');
    await http().post('/households/recheck-sweeps').set(bearer(countyOfficer)).expect(403);
  });

  it('signals a re-check missed after its due day plus grace, once; in a high-risk area the due day is extended', async () => {
    await setRisk('high');
    clock.set('2026-06-17T08:00:00Z'); // the last day of grace: on time
    expect(await recheckSweep()).toMatchObject({ checked: 2, missed: 0, signalled: 0, extended: 0 });
    clock.set('2026-06-18T01:00:00Z');
    expect(await recheckSweep()).toMatchObject({ checked: 2, missed: 1, signalled: 1, extended: 1 });
    expect(await recheckSweep()).toMatchObject({ checked: 1, missed: 0, signalled: 0, extended: 1 });
    expect(await schedule('risk')).toMatchObject({
      areaElevated: true,
      effectiveDueOn: '2026-07-02',
      graceEndsOn: '2026-07-17',
      extendedDays: 30,
    });
    expect((await schedule('miss')).schedule).toMatchObject({ dueOn: '2026-06-02', missedDueOn: '2026-06-02' });

    const [m] = await waitFor('RecheckMissed of "miss"', () => {
      const found = of(RecheckMissedV1.type, ids.miss.householdId);
      return found.length ? found : undefined;
    });
    expect(m.headers).toMatchObject({ ce_type: RecheckMissedV1.type, ce_subject: ids.miss.householdId, ce_region: '330521101' });
    expect(m.json).toEqual({
      householdId: ids.miss.householdId,
      divisionCode: '330521101',
      category: 'dibao',
      recheckClass: 'C',
      dueOn: '2026-06-02',
      graceDays: 15,
      extendedDays: 0,
      detectedAt: '2026-06-18T01:00:00.000Z',
    });
  });

  it('recording the re-check answers the missed one (RecheckRecorded names it) and starts the next cycle', async () => {
    clock.set('2026-06-20T02:00:00Z');
    const r = await recheck('miss', { outcome: 'unchanged', findings: '补做入户核查，无变化' }).expect(201);
    expect(r.body.recheck).toMatchObject({ dueOn: '2026-06-02', missed: true, checkedOn: '2026-06-20' });
    expect(r.body.household.recheck).toMatchObject({ recheckClass: 'C', dueOn: '2026-09-20', missedDueOn: null });
    const [rec] = await waitFor('RecheckRecorded of "miss" answering the missed day', () => {
      const found = of(RecheckRecordedV1.type, ids.miss.householdId).filter((x) => x.json.missedDueOn);
      return found.length ? found : undefined;
    });
    expect(rec.json).toMatchObject({
      outcome: 'unchanged',
      recheckClass: 'C',
      checkedOn: '2026-06-20',
      dueOn: '2026-06-02',
      missedDueOn: '2026-06-02',
      nextDueOn: '2026-09-20',
      recordedAt: '2026-06-20T02:00:00.000Z',
    });
    expect(await recheckSweep()).toMatchObject({ missed: 0, signalled: 0 });
  });

  it('a changed household is assessed again by the rule (here: its income rose, so its phase-out starts)', async () => {
    const { householdId, memberIds } = ids.change;
    await http()
      .patch(`/households/${householdId}`)
      .set(bearer(townshipOfficer))
      .send({ incomes: [{ personId: memberIds[0], kind: 'wages', monthlyFen: 400_000, verifiable: true }] })
      .expect(200);
    const r = await recheck('change', { outcome: 'changed', findings: '户主就业，工资收入增加' }).expect(201);
    expect(r.body).toMatchObject({
      recheck: { outcome: 'changed', outcomeLabel: '收入或人口有变化，重新认定' },
      assessmentOutcome: 'phase-out-started',
      assessment: { category: 'none', incomePerMemberFen: 200_000 },
      household: { status: 'phase-out', phaseOut: { category: 'dibao', startedOn: '2026-06-20' }, recheck: { dueOn: '2026-12-20' } },
    });
    await waitFor('the re-assessment on the wire', () =>
      of(HouseholdCategoryDeterminedV1.type, householdId).find((x) => x.json.determinedAt === r.body.assessment.at),
    );
  });

  it('a household found no longer eligible stays enrolled while its area is at high risk, and exits once it is low', async () => {
    const r = await recheck('risk', { outcome: 'no-longer-eligible', findings: '家庭已迁出本地' }).expect(201);
    expect(r.body.household).toMatchObject({
      status: 'phase-out',
      enrolledCategory: 'dibao',
      phaseOut: { reason: 'no-longer-eligible', endsOn: '2026-06-19' },
      recheck: { dueOn: null },
    });
    expect(r.body.household.phaseOutHistory.at(-1)).toMatchObject({ what: 'exit-pending', label: '定期核查不再符合条件，待退出' });
    await recheck('risk', { outcome: 'unchanged', findings: '再次核查' }).expect(409);
    // "change" is in its 6-month phase-out: not ended yet
    expect(await phaseOutSweep()).toMatchObject({ exited: 0, paused: 1 });
    expect(await phaseOutSweep()).toMatchObject({ exited: 0, paused: 1 });
    const risk = await http().get(`/households/${ids.risk.householdId}`).set(bearer(otherTownshipOfficer)).expect(200);
    expect(risk.body.status).toBe('phase-out');
    expect((await http().get(`/people/${ids.risk.memberIds[0]}`).set(bearer(countyOfficer)).expect(200)).body.registers).toEqual(['dibao']);

    await setRisk('low');
    expect(await phaseOutSweep()).toMatchObject({ exited: 1, paused: 0 });
    const gone = await http().get(`/households/${ids.risk.householdId}`).set(bearer(otherTownshipOfficer)).expect(200);
    expect(gone.body).toMatchObject({ status: 'exited', enrolledCategory: null });
    expect(gone.body.phaseOutHistory.at(-1)).toMatchObject({ what: 'exited', reason: 'no-longer-eligible', label: '不再符合条件' });
    const [exit] = await waitFor('the exit of "risk"', () => {
      const found = of(HouseholdExitedV1.type, ids.risk.householdId);
      return found.length ? found : undefined;
    });
    expect(exit.json).toMatchObject({ reason: 'no-longer-eligible', previousCategory: 'dibao', exitedAt: '2026-06-20T02:00:00.000Z' });
    // an exited household is never due again
    clock.set('2027-06-01T01:00:00Z');
    const later = await recheckSweep();
    expect(later.signalled).toBe(later.missed);
    expect(of(RecheckMissedV1.type, ids.risk.householdId)).toHaveLength(0);
  });

  it('published one RecheckMissed per household and due day, and no personal data', async () => {
    await app.get(OutboxRelay).flush();
    const marker = await recheck('yearly', { outcome: 'unchanged', findings: '年度核查' }).expect(201);
    await waitFor('the marker', () =>
      of(RecheckRecordedV1.type, ids.yearly.householdId).find((x) => x.json.recheckId === marker.body.recheck.recheckId),
    );
    const missed = of(RecheckMissedV1.type, ids.miss.householdId);
    expect(missed.map((x) => x.json.dueOn).filter((d) => d === '2026-06-02')).toHaveLength(1);
    const everything = recorder
      .of(topic)
      .map((m) => `${m.value} ${JSON.stringify(m.headers)}`)
      .join('\n');
    for (const seq of [41, 51, 61, 71]) {
      expect(everything).not.toContain(idNumber('1970-01-01', seq));
      expect(everything).not.toContain(idNumber('1972-01-01', seq + 2));
    }
    expect(everything).not.toMatch(/miss甲|risk乙/);
  });
});
