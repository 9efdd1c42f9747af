import { INestApplication } from '@nestjs/common';
import { InspectionCompletedV1, InspectionTopic, RectificationIssueOpenedV1, RectificationIssueTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { DEFAULT_CHECKLISTS } from '../src/inspections/domain/checklist-template';
import { institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const neighbour = { sub: 'o-county-2', roles: ['county-officer' as const], jurisdiction: '330522' };
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };

const HAN = /[\u4e00-\u9fff]/;
type Item = { code: string; text: string };

describe('inspection targets of every kind: funeral homes, townships and 福彩 sales points are inspected like units, and any unit with the combined fire-safety + epidemic checklist', () => {
  const run = isolatedRun('sv-insp-targets');
  const clock = new SettableClock('2026-03-05T02:00:00Z'); // 2026-03-05 in Beijing
  const up = upstream(run);
  const inspectionTopic = up.names.physical(InspectionTopic.name);
  const issueTopic = up.names.physical(RectificationIssueTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let teamId: string;
  const targets = { funeralHome: '', township: '', outlet: '', otherCounty: '' };
  const inspections = new Map<string, string>();

  const fieldsOf = (body: { fields?: { field: string }[]; details?: { field: string } }) =>
    body.fields?.map((f) => f.field) ?? [body.details?.field];

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([inspectionTopic, issueTopic]).start();
    await up.publisher.publish([institutionRegisteredRecord('u-home', '330521101')]);
    await waitFor('the unit copy', async () =>
      (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body.unitsTotal === 1 ? true : undefined,
    );
    teamId = (
      await http
        .post('/inspection-teams')
        .set(bearer(county))
        .send({ name: '县综合督查组', divisionCode: '330521', leader: { title: '县民政局副局长', rank: 'section' }, memberCount: 3 })
        .expect(201)
    ).body.teamId;
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('registers a funeral home, a township and a 福彩 sales point in the county, each with its zh-CN kind; registering again changes nothing', async () => {
    const funeralHome = (
      await http
        .post('/inspection-targets')
        .set(bearer(county))
        .send({ kind: 'funeral-home', divisionCode: '330521101', targetId: 'fh-deqing', addressLabel: '德清县殡仪馆' })
        .expect(201)
    ).body;
    expect(funeralHome).toMatchObject({
      targetId: 'fh-deqing',
      unitType: 'funeral-home',
      unitTypeLabel: '殡仪馆',
      divisionCode: '330521101',
      name: '德清县殡仪馆',
      registeredIn: 'supervision',
    });
    const township = (
      await http.post('/inspection-targets').set(bearer(county)).send({ kind: 'township', divisionCode: '330521102' }).expect(201)
    ).body;
    expect(township).toMatchObject({ targetId: 'township-330521102', unitType: 'township', unitTypeLabel: '镇（街道）' });
    const outlet = (
      await http
        .post('/inspection-targets')
        .set(bearer(county))
        .send({ kind: 'lottery-outlet', divisionCode: '330521103', addressLabel: '新市镇福彩销售网点' })
        .expect(201)
    ).body;
    expect(outlet).toMatchObject({ unitType: 'lottery-outlet', unitTypeLabel: '福彩销售网点', addressLabel: '新市镇福彩销售网点' });
    expect(outlet.targetId).toMatch(/^lo-/);
    // the same sales point registered again is the same target
    const again = (
      await http
        .post('/inspection-targets')
        .set(bearer(county))
        .send({ kind: 'lottery-outlet', divisionCode: '330521103', addressLabel: '新市镇福彩销售网点' })
        .expect(201)
    ).body;
    expect(again.targetId).toBe(outlet.targetId);
    const otherCounty = (
      await http
        .post('/inspection-targets')
        .set(bearer(neighbour))
        .send({ kind: 'lottery-outlet', divisionCode: '330522101', addressLabel: '安吉福彩销售网点' })
        .expect(201)
    ).body;
    Object.assign(targets, {
      funeralHome: funeralHome.targetId,
      township: township.targetId,
      outlet: outlet.targetId,
      otherCounty: otherCounty.targetId,
    });

    const listed = (await http.get('/inspection-targets').set(bearer(county)).expect(200)).body;
    expect(listed.map((t: { targetId: string }) => t.targetId).sort()).toEqual(
      ['fh-deqing', 'township-330521102', outlet.targetId, 'u-home'].sort(),
    );
    const outlets = (await http.get('/inspection-targets').set(bearer(county)).query({ unitType: 'lottery-outlet' }).expect(200)).body;
    expect(outlets.map((t: { targetId: string }) => t.targetId)).toEqual([outlet.targetId]);
  });

  it('plans and runs an inspection of each target kind with its default zh-CN checklist, and a unit with the combined fire-safety + epidemic one', async () => {
    const kinds = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '殡葬、镇街与福彩站点明察',
          mode: 'announced',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [
            { unitId: targets.funeralHome, scheduledDate: '2026-03-05' },
            { unitId: targets.township, scheduledDate: '2026-03-05' },
            { unitId: targets.outlet, scheduledDate: '2026-03-06' },
          ],
        })
        .expect(201)
    ).body;
    const combined = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '消防安全与疫情防控结合检查',
          mode: 'announced',
          teamId,
          checklist: 'fire-safety-epidemic',
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-home', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    for (const u of [...kinds.units, ...combined.units]) inspections.set(u.unitId, u.inspectionId);

    const expected: [string, string, string[]][] = [
      [
        targets.funeralHome,
        'funeral-home',
        [
          'emergency-plan',
          'transport-staffing',
          'infectious-remains',
          'ceremony-suspension',
          'service-quality',
          'disinfection',
          'ppe-stock',
        ],
      ],
      [targets.township, 'township', ['protection-kits', 'vouchers', 'distribution-ledger', 'relief-policy', 'public-notice']],
      [targets.outlet, 'lottery-outlet', ['public-notice', 'visitor-checks', 'crowd-control', 'disinfection', 'staff-health']],
      [
        'u-home',
        'fire-safety-epidemic',
        ['fire-exits', 'fire-equipment', 'disinfectant-storage', 'electrical-safety', 'fire-drills', 'epidemic-measures'],
      ],
    ];
    for (const [unitId, key, codes] of expected) {
      const inspectionId = inspections.get(unitId)!;
      const started = (await http.post(`/inspections/${inspectionId}/start`).set(bearer(inspector)).send({}).expect(200)).body;
      expect(started).toMatchObject({ unitId, status: 'in-progress', checklist: { templateId: key, version: 0 } });
      const items: Item[] = started.checklist.items;
      expect(items.map((i) => i.code)).toEqual(codes);
      expect(items).toEqual(DEFAULT_CHECKLISTS[key as keyof typeof DEFAULT_CHECKLISTS]);
      for (const item of items) expect(item.text).toMatch(HAN);
      // every item is checked: all pass except where a finding follows
      const failing = unitId === targets.funeralHome ? 'infectious-remains' : unitId === 'u-home' ? 'fire-exits' : null;
      await http
        .post(`/inspections/${inspectionId}/checklist-results`)
        .set(bearer(inspector))
        .send({ results: items.map((i) => ({ code: i.code, outcome: i.code === failing ? 'fail' : 'pass' })) })
        .expect(200);
    }
    // the registry unit keeps its own type though it was checked on the combined checklist
    const home = (
      await http
        .get(`/inspections/${inspections.get('u-home')}`)
        .set(bearer(county))
        .expect(200)
    ).body;
    expect(home).toMatchObject({ unitType: 'elderly-care-home', checklistKey: 'fire-safety-epidemic' });
    expect(home.checklist.items.map((i: Item) => i.text).join()).toMatch(/疏散通道/);
  });

  it('a finding on the funeral home opens its rectification issue; a clean township and sales point open none', async () => {
    const fh = inspections.get(targets.funeralHome)!;
    // an item of another kind's checklist is not on the funeral home's
    expect(
      fieldsOf(
        (
          await http
            .post(`/inspections/${fh}/findings`)
            .set(bearer(inspector))
            .send({ checklistCode: 'vouchers', summary: '消费券发放台账缺失', scope: 'isolated', harmLevel: 2 })
            .expect(400)
        ).body,
      ),
    ).toEqual(['checklistCode']);
    await http
      .post(`/inspections/${fh}/findings`)
      .set(bearer(inspector))
      .send({ checklistCode: 'infectious-remains', summary: '涉疫遗体接运后车辆未按规定消毒', scope: 'pattern', harmLevel: 3 })
      .expect(201);
    const done = (
      await http.post(`/inspections/${fh}/complete`).set(bearer(inspector)).send({ responsibleHead: '德清县民政局局长' }).expect(200)
    ).body;
    expect(done.status).toBe('completed');
    const [finding] = done.findings;
    expect(finding).toMatchObject({ checklistCode: 'infectious-remains', letter: expect.any(String), issueId: expect.any(String) });

    const opened = await waitFor('the funeral home’s rectification issue', () =>
      recorder.of(issueTopic, RectificationIssueOpenedV1.type).find((m) => m.json.unitId === targets.funeralHome),
    );
    expect(opened.json).toMatchObject({
      issueId: finding.issueId,
      inspectionId: fh,
      divisionCode: '330521101',
      severity: finding.letter,
    });
    const issue = (await http.get(`/rectification-issues/${finding.issueId}`).set(bearer(county)).expect(200)).body;
    expect(issue).toMatchObject({ unitId: targets.funeralHome, status: 'open' });
    const ofTheHome = (await http.get('/rectification-issues').set(bearer(county)).query({ unitId: targets.funeralHome }).expect(200)).body;
    expect(ofTheHome.map((i: { issueId: string }) => i.issueId)).toEqual([finding.issueId]);

    for (const unitId of [targets.township, targets.outlet]) {
      const clean = (
        await http
          .post(`/inspections/${inspections.get(unitId)}/complete`)
          .set(bearer(inspector))
          .send({})
          .expect(200)
      ).body;
      expect(clean).toMatchObject({ status: 'completed', findings: [] });
    }
    const completed = await waitFor('the three completions', () => {
      const found = recorder
        .of(inspectionTopic, InspectionCompletedV1.type)
        .filter((m) => [targets.funeralHome, targets.township, targets.outlet].includes(m.json.unitId as string));
      return found.length === 3 ? found : undefined;
    });
    const byUnit = new Map(completed.map((m) => [m.json.unitId, m.json]));
    expect(byUnit.get(targets.funeralHome)).toMatchObject({ checklistItems: 7, checklistPassed: 6, checklistFailed: 1 });
    expect(byUnit.get(targets.township)).toMatchObject({ checklistItems: 5, checklistPassed: 5, checklistFailed: 0 });
    expect(byUnit.get(targets.outlet)).toMatchObject({ checklistItems: 5, checklistPassed: 5, checklistFailed: 0 });
    const issuesOfClean = (await http.get('/rectification-issues').set(bearer(county)).query({ unitId: targets.township }).expect(200))
      .body;
    expect(issuesOfClean).toEqual([]);
  });

  it('a target of another county answers 404 and is neither listed nor plannable', async () => {
    await http.get(`/inspection-targets/${targets.otherCounty}`).set(bearer(county)).expect(404);
    expect((await http.get(`/inspection-targets/${targets.otherCounty}`).set(bearer(neighbour)).expect(200)).body.unitType).toBe(
      'lottery-outlet',
    );
    await http.get(`/inspection-targets/${targets.funeralHome}`).set(bearer(neighbour)).expect(404);
    const theirs = (await http.get('/inspection-targets').set(bearer(neighbour)).expect(200)).body;
    expect(theirs.map((t: { targetId: string }) => t.targetId)).toEqual([targets.otherCounty]);
    await http
      .get(`/inspections/${inspections.get(targets.funeralHome)}`)
      .set(bearer(neighbour))
      .expect(404);
    const res = await http
      .post('/inspection-plans')
      .set(bearer(county))
      .send({
        title: '越界明察',
        mode: 'announced',
        teamId,
        periodStart: '2026-03-05',
        periodEnd: '2026-03-06',
        units: [{ unitId: targets.otherCounty, scheduledDate: '2026-03-05' }],
      });
    // answered as an unknown unit: nothing tells the caller it exists elsewhere
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['units.0.unitId']);
    // registering in a county not one's own is refused
    await http
      .post('/inspection-targets')
      .set(bearer(county))
      .send({ kind: 'lottery-outlet', divisionCode: '330522102', addressLabel: '越界网点' })
      .expect(403);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [string, string, object, string][] = [
      ['post', '/inspection-targets', { kind: 'bakery', divisionCode: '330521101' }, 'kind'],
      ['post', '/inspection-targets', { kind: 'funeral-home', divisionCode: '3305211' }, 'divisionCode'],
      ['post', '/inspection-targets', { kind: 'township', divisionCode: '330521' }, 'divisionCode'],
      ['post', '/inspection-targets', { kind: 'township', divisionCode: '330521101', targetId: 'township-x' }, 'targetId'],
      ['post', '/inspection-targets', { kind: 'funeral-home', divisionCode: '330521101', targetId: 'no spaces!' }, 'targetId'],
      ['post', '/inspection-targets', { kind: 'lottery-outlet', divisionCode: '330521101', addressLabel: '' }, 'addressLabel'],
      [
        'post',
        '/inspection-plans',
        {
          title: 'x',
          mode: 'announced',
          teamId,
          checklist: 'fire-only',
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-home', scheduledDate: '2026-03-05' }],
        },
        'checklist',
      ],
      ['get', '/inspection-targets?unitType=bakery', {}, 'unitType'],
    ];
    for (const [method, path, body, field] of cases) {
      const call = method === 'get' ? http.get(path) : http.post(path).send(body);
      const res = await call.set(bearer(county));
      expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
      expect(fieldsOf(res.body)).toContain(field);
    }
    // a funeral home already registered is not a sales point: a clash naming the field
    const clash = await http
      .post('/inspection-targets')
      .set(bearer(county))
      .send({ kind: 'lottery-outlet', divisionCode: '330521101', targetId: 'fh-deqing' })
      .expect(409);
    expect(fieldsOf(clash.body)).toEqual(['targetId']);
  });
});
