import { INestApplication } from '@nestjs/common';
import { VaccinationCoverageBelowFloorV1, VaccinationCoverageRestoredV1, VaccinationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { RefreshCoverageDaily } from '../src/vaccination/application/refresh-coverage-daily';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('seed 004 辖区12岁以上人群应种尽种: the 91.2% floor counts the residents on the register aged 12 and over', () => {
  const run = isolatedRun('im-vac-age');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing, 2 March 2026
  const topic = new TopicNames(run.topicPrefix).physical(VaccinationTopic.name);
  const home = 'u-vac-age';
  const other = 'u-vac-typed';
  const staff = { sub: 'staff-vac-age', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: home };
  const idNumber1950 = '330521195001011237';
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const admit = (body: object) => http.post(`/institutions/${home}/residents`).set(bearer(staff)).send(body);
  const setStatus = (residentId: string, status: string) =>
    http.put(`/institutions/${home}/residents/${residentId}/vaccination`).set(bearer(staff)).send({ status });

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await http
      .post('/institutions')
      .set(bearer(countyOfficer))
      .send(unit(home, '330521101', 'child-welfare-home'))
      .expect(201);
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(other)).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('derives eligibility by age on the day from birth dates (given or read from the ID number); an unknown age counts as eligible', async () => {
    const child = (await admit({ name: '小明', birthDate: '2016-05-01' }).expect(201)).body;
    const twelveToday = (await admit({ name: '小红', birthDate: '2014-03-02' }).expect(201)).body;
    const elder = (await admit({ name: '张三', idNumber: idNumber1950 }).expect(201)).body;
    const unknown = (await admit({ name: '无名氏' }).expect(201)).body;
    expect(elder).toMatchObject({ birthDate: '1950-01-01', vaccinationStatus: null });
    expect(unknown.birthDate).toBeNull();

    await setStatus(child.residentId, 'unvaccinated').expect(200);
    await setStatus(twelveToday.residentId, 'vaccinated').expect(200);
    const res = await setStatus(elder.residentId, 'vaccinated').expect(200);
    // eligible: the 12-year-old (today is the birthday), the elder, the resident of unknown age; not the 9-year-old
    expect(res.body).toMatchObject({
      residentId: elder.residentId,
      vaccinationStatus: 'vaccinated',
      coverage: {
        residents: { eligible: 3, vaccinated: 2, coverage: 0.6666, unvaccinatedEligible: 1, belowFloor: true, source: 'register' },
        register: { ageUnknown: 1, underAge: 1, contraindicated: 0 },
      },
    });

    const below = await waitFor('BelowFloor for the register', () =>
      recorder.of(topic, VaccinationCoverageBelowFloorV1.type).find((m) => m.key === home),
    );
    // the episode opened with the first status recorded (nobody eligible vaccinated yet): once, however many updates follow
    expect(below.json).toMatchObject({ group: 'residents', eligible: 3, vaccinated: 0, unvaccinatedEligible: 3 });
    expect(JSON.stringify(below.json)).not.toContain('无名氏');

    // a contraindication takes the resident out of the floor (除有禁忌症外): 2 of 2
    const exempt = await setStatus(unknown.residentId, 'contraindicated').expect(200);
    expect(exempt.body.coverage.residents).toMatchObject({ eligible: 2, vaccinated: 2, coverage: 1, belowFloor: false });
    expect(exempt.body.coverage.register).toEqual({ ageUnknown: 0, underAge: 1, contraindicated: 1 });
    await waitFor('Restored for the register', () => recorder.of(topic, VaccinationCoverageRestoredV1.type).find((m) => m.key === home));
  });

  it('keeps PUT /vaccination working: typed figures stand where no resident is on the register, and are shown beside the register elsewhere', async () => {
    const typedOnly = await http
      .put(`/institutions/${other}/vaccination`)
      .set(bearer(countyOfficer))
      .send({ residents: { eligible: 80, vaccinated: 76 }, staff: { eligible: 20, vaccinated: 20 } })
      .expect(200);
    expect(typedOnly.body.residents).toMatchObject({
      eligible: 80,
      vaccinated: 76,
      source: 'reported',
      reported: { eligible: 80, vaccinated: 76 },
    });

    const typedBeside = await http
      .put(`/institutions/${home}/vaccination`)
      .set(bearer(staff))
      .send({ residents: { eligible: 100, vaccinated: 50 }, staff: { eligible: 10, vaccinated: 10 } })
      .expect(200);
    expect(typedBeside.body.residents).toMatchObject({
      eligible: 2,
      vaccinated: 2,
      source: 'register',
      sourceLabel: '按在册服务对象计算',
      reported: { eligible: 100, vaccinated: 50 },
    });
    expect(typedBeside.body.staff).toMatchObject({ eligible: 10, vaccinated: 10, source: 'reported' });
  });

  it('answers 400 naming the field: a birth date that disagrees with the ID number, a future one, an unknown status', async () => {
    const disagree = await admit({ name: '李四', idNumber: idNumber1950, birthDate: '1951-01-01' }).expect(400);
    expect(disagree.body).toMatchObject({ error: 'BirthDateDisagreesWithIdNumber', details: { field: 'birthDate' } });
    const future = await admit({ name: '李四', birthDate: '2027-01-01' }).expect(400);
    expect(future.body).toMatchObject({ error: 'BirthDateInFuture', details: { field: 'birthDate' } });
    const shape = await admit({ name: '李四', birthDate: '2020-02-30' }).expect(400);
    expect(shape.body.fields).toEqual([{ field: 'birthDate', reasons: [expect.stringContaining('2020-02-30 does not exist')] }]);
    const listed = await http.get(`/institutions/${home}/residents`).set(bearer(staff)).expect(200);
    const status = await setStatus(listed.body[0].residentId, 'maybe').expect(400);
    expect(status.body.fields).toEqual([{ field: 'status', reasons: ['must be one of: vaccinated, unvaccinated, contraindicated'] }]);
  });

  it('counts a birthday and an admission by the next day: the daily refresh recomputes a register-based coverage', async () => {
    const before = (await http.get(`/institutions/${home}/vaccination`).set(bearer(staff)).expect(200)).body.residents;
    expect(before).toMatchObject({ eligible: 2, vaccinated: 2, belowFloor: false });
    // admitted today, 11 until 4 March: out of the floor now
    await admit({ name: '小刚', birthDate: '2014-03-04' }).expect(201);
    expect(await app.get(RefreshCoverageDaily).run()).toEqual({ refreshed: 0 }); // written today already

    clock.set('2026-03-03T16:00:00Z'); // 00:00 on 4 March: the birthday
    expect(await app.get(RefreshCoverageDaily).run()).toEqual({ refreshed: 1 });
    const after = (await http.get(`/institutions/${home}/vaccination`).set(bearer(staff)).expect(200)).body;
    expect(after.residents).toMatchObject({ eligible: 3, vaccinated: 2, belowFloor: true, episodeId: `${home}:residents:2` });
    expect(after.updatedBy).toBe('system:daily-coverage-refresh');
    await waitFor('the second BelowFloor episode', () =>
      recorder.of(topic, VaccinationCoverageBelowFloorV1.type).find((m) => m.json?.episodeId === `${home}:residents:2`),
    );
    expect(await app.get(RefreshCoverageDaily).run()).toEqual({ refreshed: 0 });
  });
});
