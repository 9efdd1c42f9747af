import { INestApplication } from '@nestjs/common';
import { createApp as createFuneralOperations, FuneralOperationsConfig } from '@civil/funeral-operations';
import { createApp as createInstitutionMonitoring, InstitutionMonitoringConfig } from '@civil/institution-monitoring';
import { idNumberCheckChar, SettableClock } from '@civil/kernel';
import { loadConfig } from '@civil/platform';
import { createApp as createSocialRelief, SocialReliefConfig } from '@civil/social-relief';
import { createApp as createSupervision, SupervisionConfig } from '@civil/supervision';
import { bearer, createRunTopics, isolatedRun, serviceEnv, waitFor } from '@civil/testing';
import request, { Response } from 'supertest';

/**
 * The four services on the real broker and database, sent a hostile corpus on a representative
 * write endpoint each: every request is answered 400 naming the field (never 500, never taken
 * in silence), and a read afterwards shows nothing was written. A valid request to the same
 * endpoint then succeeds and shows in the same read, so the read would have seen a write.
 */

const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
const township = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
const inspector = { sub: 'insp-330521', roles: ['inspector' as const], jurisdiction: '330521' };
const homeStaff = { sub: 'staff-fh-hostile', roles: ['unit-staff' as const], jurisdiction: '330521', unitId: 'fh-hostile' };
type Claims = typeof county | typeof township | typeof inspector | typeof homeStaff;

const zeroCounts = {
  residents: 40,
  staffOnDuty: 12,
  newAdmissions: 0,
  temperatureAnomalies: 0,
  suspected: 0,
  confirmed: 0,
  isolated: 0,
  transferred: 0,
  deaths: 0,
  ppeDaysOfCover: 30,
  vaccinatedResidents: 38,
  vaccinatedStaff: 12,
};

/** A valid 18-character ID number of a fictional resident of 德清. */
function idNumber(birthDate: string, sequence: number): string {
  const first17 = `330521${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const RAW = '__raw_json__';

/** A copy of the body with the value at a dotted path (`members.0.name`) set; RAW stands for raw JSON put in later. */
function withValue(body: object, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
  return copy;
}

function withRaw(body: object, path: string, raw: string): string {
  return JSON.stringify(withValue(body, path, RAW)).replace(JSON.stringify(RAW), raw);
}

const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

interface HostileCase {
  what: string;
  /** The body: an object, or raw JSON text. */
  body: object | string;
  /** The field the answer must name (a RegExp for paths that run on, like a deep one's). */
  field: string | RegExp;
  reason: RegExp;
}

interface Target {
  name: string;
  app: () => INestApplication;
  path: string;
  as: Claims;
  valid: Record<string, unknown>;
  /** A string field (dotted path). */
  text: string;
  /** A nested object (dotted path), or '' for the body itself. */
  nested: string;
  date?: { path: string; kind: 'day' | 'instant' };
  division?: { path: string; unknown: string };
  /** A required nested object that may not be left out. */
  required?: string;
  /** What a read shows of what the endpoint writes. */
  read: () => Promise<unknown>;
}

function corpus(t: Target): HostileCase[] {
  const inNested = (key: string) => (t.nested ? `${t.nested}.${key}` : key);
  const textField = new RegExp(`^${t.text.replace(/\./g, '\\.')}\\.`);
  const cases: HostileCase[] = [
    {
      what: 'an object nested 5,000 levels deep',
      body: withRaw(t.valid, t.text, deepObject(5_000)),
      field: textField,
      reason: /more than 32 levels deep/,
    },
    {
      what: 'an array nested 40,000 levels deep',
      body: withRaw(t.valid, t.text, deepArray(40_000)),
      field: textField,
      reason: /more than 32 levels deep/,
    },
    {
      what: 'a body that is an array nested 40,000 levels deep',
      body: deepArray(40_000),
      field: /^0(\.0)+$/,
      reason: /more than 32 levels deep/,
    },
    {
      what: 'a __proto__ key',
      body: JSON.stringify(t.valid).replace('{', '{"__proto__":{"isAdmin":true},'),
      field: '__proto__',
      reason: /not an accepted field name/,
    },
    {
      what: 'a constructor key',
      body: withValue(t.valid, inNested('constructor'), { prototype: { isAdmin: true } }),
      field: inNested('constructor'),
      reason: /not an accepted field name/,
    },
    {
      what: 'a prototype key',
      body: withValue(t.valid, inNested('prototype'), { isAdmin: true }),
      field: inNested('prototype'),
      reason: /not an accepted field name/,
    },
    {
      what: 'an unknown nested key',
      body: withValue(t.valid, inNested('unexpected'), 'x'),
      field: inNested('unexpected'),
      reason: /should not exist/,
    },
    { what: 'a NUL in a name', body: withValue(t.valid, t.text, '张\u0000三'), field: t.text, reason: /control characters/ },
    { what: 'a name of spaces only', body: withValue(t.valid, t.text, '   '), field: t.text, reason: /blank/ },
  ];
  if (t.date) {
    const as = (day: string) => (t.date!.kind === 'day' ? day : `${day}T10:00:00+08:00`);
    cases.push({
      what: 'a day that does not exist (2026-02-30)',
      body: withValue(t.valid, t.date.path, as('2026-02-30')),
      field: t.date.path,
      reason: /2026-02-30 does not exist/,
    });
    cases.push({
      what: 'the year 1800',
      body: withValue(t.valid, t.date.path, as('1800-01-01')),
      field: t.date.path,
      reason: /before 1900-01-01/,
    });
  }
  if (t.division) {
    cases.push({
      what: `a division code not in the table (${t.division.unknown})`,
      body: withValue(t.valid, t.division.path, t.division.unknown),
      field: t.division.path,
      reason: /not in the administrative division table/,
    });
  }
  if (t.required) {
    const without = JSON.parse(JSON.stringify(t.valid)) as Record<string, unknown>;
    delete without[t.required];
    cases.push({ what: `no ${t.required}`, body: without, field: t.required, reason: /must be given/ });
  }
  return cases;
}

/** The fields an answer names: `fields` of ValidationFailed, or `details.field` of a rule's refusal. */
function namedFields(res: Response): { field: string; reasons: string[] }[] {
  if (Array.isArray(res.body?.fields)) return res.body.fields;
  return res.body?.details?.field ? [{ field: res.body.details.field, reasons: [res.body.message] }] : [];
}

describe('hostile input is refused with 400 and the field, on every service, and nothing is written', () => {
  const run = isolatedRun('hostile-input');
  const clock = new SettableClock('2026-03-05T02:00:00Z'); // 10:00 in Beijing
  let monitoring: INestApplication;
  let relief: INestApplication;
  let funeral: INestApplication;
  let supervision: INestApplication;
  let inspectionId: string;

  const http = (app: INestApplication) => request(app.getHttpServer());
  const get = async (app: INestApplication, path: string, as: Claims) =>
    (await http(app).get(path).set(bearer(as)).expect(200)).body as unknown;
  const lookup = async (idNo: string) => (await http(relief).post('/people/lookups').set(bearer(township)).send({ idNumber: idNo })).status;

  beforeAll(async () => {
    await createRunTopics(run);
    monitoring = await createInstitutionMonitoring(
      loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring')),
      clock,
    );
    relief = await createSocialRelief(loadConfig(SocialReliefConfig, serviceEnv(run, 'social-relief')), clock);
    funeral = await createFuneralOperations(loadConfig(FuneralOperationsConfig, serviceEnv(run, 'funeral-operations')), clock);
    supervision = await createSupervision(loadConfig(SupervisionConfig, serviceEnv(run, 'supervision')), clock);

    const unit = {
      unitId: 'u-hostile-base',
      name: '乾元镇敬老院',
      unitType: 'elderly-care-home',
      operator: 'public',
      divisionCode: '330521101',
      beds: 50,
      bedsInUse: 40,
    };
    await http(monitoring).post('/institutions').set(bearer(county)).send(unit).expect(201);
    await http(funeral)
      .post('/funeral-homes')
      .set(bearer(county))
      .send({
        homeId: 'fh-hostile',
        name: '德清县殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 4,
        bodyCarts: 2,
        crowdedAreas: ['告别厅'],
      })
      .expect(201);

    // supervision learns of the unit from institution monitoring's InstitutionRegistered
    await waitFor('supervision’s copy of the unit', async () =>
      ((await get(supervision, '/inspections/coverage', county)) as { unitsTotal: number }).unitsTotal === 1 ? true : undefined,
    );
    const teamId = (
      await http(supervision)
        .post('/inspection-teams')
        .set(bearer(county))
        .send({ name: '第一督查组', divisionCode: '330521', leader: { title: '县民政局副局长', rank: 'section' }, memberCount: 3 })
        .expect(201)
    ).body.teamId;
    const plan = await http(supervision)
      .post('/inspection-plans')
      .set(bearer(county))
      .send({
        title: '第 1 轮明察',
        mode: 'announced',
        teamId,
        periodStart: '2026-03-05',
        periodEnd: '2026-03-12',
        units: [{ unitId: 'u-hostile-base', scheduledDate: '2026-03-05' }],
      })
      .expect(201);
    inspectionId = plan.body.units[0].inspectionId;
    await http(supervision).post(`/inspections/${inspectionId}/start`).set(bearer(inspector)).send({}).expect(200);
  }, 120_000);

  afterAll(async () => {
    for (const app of [supervision, funeral, relief, monitoring]) await app?.close();
  });

  const personId = idNumber('1950-01-01', 11);
  const targets: Target[] = [
    {
      name: 'institution-monitoring: registering an institution',
      app: () => monitoring,
      path: '/institutions',
      as: county,
      valid: {
        unitId: 'u-hostile-ok',
        name: '新市镇敬老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521102',
        beds: 30,
        bedsInUse: 20,
        onSiteCoordinator: { name: '王五', phone: '13800000000' },
      },
      text: 'name',
      nested: 'onSiteCoordinator',
      division: { path: 'divisionCode', unknown: '330521999' },
      read: () => get(monitoring, '/institutions', county),
    },
    {
      name: 'institution-monitoring: a daily report',
      app: () => monitoring,
      path: '/institutions/u-hostile-base/daily-reports',
      as: county,
      valid: { reportDate: '2026-03-05', counts: zeroCounts },
      text: 'reportDate',
      nested: 'counts',
      date: { path: 'reportDate', kind: 'day' },
      read: () => get(monitoring, '/daily-reports?date=2026-03-05', county),
    },
    {
      name: 'social-relief: registering a person',
      app: () => relief,
      path: '/people',
      as: township,
      valid: { name: '赵一', idNumber: personId, divisionCode: '330521101' },
      text: 'name',
      nested: '',
      division: { path: 'divisionCode', unknown: '330521999' },
      read: () => lookup(personId),
    },
    {
      name: 'social-relief: a key-person list entry',
      app: () => relief,
      path: '/key-person-lists/330521101/entries',
      as: township,
      valid: {
        name: '刘小雨',
        idNumber: idNumber('2015-06-01', 42),
        categories: ['left-behind-child'],
        guardian: { name: '刘大', relation: '父亲' },
      },
      text: 'guardian.name',
      nested: 'guardian',
      division: { path: 'villageCode', unknown: '330521999001' },
      read: () => get(relief, '/key-person-lists/330521101/entries', township),
    },
    {
      name: 'social-relief: a household',
      app: () => relief,
      path: '/households',
      as: township,
      valid: {
        divisionCode: '330521101',
        members: [{ name: '钱一', idNumber: idNumber('1980-01-01', 101), relation: 'head', canWork: true }],
      },
      text: 'members.0.name',
      nested: 'members.0',
      division: { path: 'divisionCode', unknown: '330521999' },
      read: () => get(relief, '/households', township),
    },
    {
      name: 'social-relief: a relief application',
      app: () => relief,
      path: '/applications',
      as: township,
      valid: {
        kind: 'temporary-relief',
        divisionCode: '330521101',
        applicant: { name: '孙临', idNumber: idNumber('1970-05-05', 201) },
        requestedAmountFen: 100_000,
      },
      text: 'applicant.name',
      nested: 'applicant',
      date: { path: 'receivedAt', kind: 'instant' },
      division: { path: 'divisionCode', unknown: '330521999' },
      read: () => get(relief, '/applications', township),
    },
    {
      name: 'funeral-operations: a funeral case',
      app: () => funeral,
      path: '/funeral-cases',
      as: homeStaff,
      valid: { homeId: 'fh-hostile', deceased: { name: '周九' }, diedAt: '2026-03-04T20:00:00Z', infectious: false, place: '家中' },
      text: 'deceased.name',
      nested: 'deceased',
      date: { path: 'diedAt', kind: 'instant' },
      required: 'deceased',
      read: () => get(funeral, '/funeral-cases', homeStaff),
    },
    {
      name: 'funeral-operations: registering a funeral home',
      app: () => funeral,
      path: '/funeral-homes',
      as: county,
      valid: {
        homeId: 'fh-hostile-ok',
        name: '新市殡仪服务站',
        divisionCode: '330521102',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 2,
        bodyCarts: 1,
        crowdedAreas: ['告别厅'],
      },
      text: 'name',
      nested: 'openingHours',
      division: { path: 'divisionCode', unknown: '330521999' },
      read: () => get(funeral, '/funeral-homes', county),
    },
    {
      name: 'supervision: an inspection finding',
      app: () => supervision,
      path: '', // set once the inspection exists
      as: inspector,
      valid: { summary: '访客登记不全', scope: 'pattern', harmLevel: 2 },
      text: 'summary',
      nested: '',
      read: () => get(supervision, `/inspections/${inspectionId}`, inspector),
    },
    {
      name: 'supervision: an accountability case',
      app: () => supervision,
      path: '/accountability-cases',
      as: county,
      valid: {
        trigger: 'not-closed-management',
        subject: { kind: 'role', id: '乾元镇镇长', divisionCode: '330521101' },
        evidence: [{ eventId: 'e-hostile-1', time: '2026-03-04T10:00:00+08:00' }],
      },
      text: 'subject.id',
      nested: 'subject',
      date: { path: 'evidence.0.time', kind: 'instant' },
      division: { path: 'subject.divisionCode', unknown: '330521999' },
      required: 'subject',
      read: () => get(supervision, '/accountability-cases', county),
    },
  ];

  it.each(targets.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    const path = t.path || `/inspections/${inspectionId}/findings`;
    const before = await t.read();
    for (const c of corpus(t)) {
      const req = http(t.app()).post(path).set(bearer(t.as));
      const res = typeof c.body === 'string' ? await req.set('Content-Type', 'application/json').send(c.body) : await req.send(c.body);
      const named = namedFields(res);
      expect({ what: c.what, status: res.status, error: res.body.error }).toEqual({ what: c.what, status: 400, error: 'ValidationFailed' });
      expect({ what: c.what, fields: named.length }).toEqual({ what: c.what, fields: 1 });
      expect({ what: c.what, field: named[0]!.field }).toEqual({
        what: c.what,
        field: typeof c.field === 'string' ? c.field : expect.stringMatching(c.field),
      });
      expect({ what: c.what, reasons: named[0]!.reasons.join(' ') }).toEqual({ what: c.what, reasons: expect.stringMatching(c.reason) });
    }
    expect(await t.read()).toEqual(before);

    // the same endpoint takes a valid request, and the read shows it
    const ok = await http(t.app()).post(path).set(bearer(t.as)).send(t.valid);
    expect([t.name, ok.status >= 200 && ok.status < 300 ? 'accepted' : ok.body]).toEqual([t.name, 'accepted']);
    expect(await t.read()).not.toEqual(before);
  });

  it('refuses a key-person list of a township that is not in the table, naming the parameter', async () => {
    const res = await http(relief)
      .post('/key-person-lists/330521999/entries')
      .set(bearer(county))
      .send({ name: '某人', idNumber: idNumber('2015-06-01', 44), categories: ['orphan'] })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'InvalidTownshipCode',
      details: { field: 'townshipCode' },
      message: expect.stringContaining('330521999 is not in the administrative division table'),
    });
  });

  it('answers 413 for a body over the limit, on every service', async () => {
    for (const [app, path, as] of [
      [monitoring, '/institutions', county],
      [relief, '/households', township],
      [funeral, '/funeral-cases', homeStaff],
      [supervision, '/accountability-cases', county],
    ] as const) {
      const res = await http(app)
        .post(path)
        .set(bearer(as))
        .send({ note: 'x'.repeat(150_000) });
      expect([path, res.status, res.body.error]).toEqual([path, 413, 'PayloadTooLarge']);
    }
  });
});
