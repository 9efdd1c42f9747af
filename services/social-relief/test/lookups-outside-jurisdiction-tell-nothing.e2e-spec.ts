import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { PersonRepository } from '../src/people/infrastructure/person.repository';
import { RegisterRollRepository } from '../src/people/infrastructure/register-roll.repository';
import { idNumber, startSocialRelief } from './support';

/**
 * Outside one's jurisdiction, an ID number (or a person, household or application id) on file
 * and one nothing is on file for get the same answer: same status, same body, after the same
 * reads. Nothing says that it is known, nor in which township.
 */
describe('lookups outside the jurisdiction tell nothing of what is on file', () => {
  const run = isolatedRun('sr-oracle');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  // 德清 township 102 registers an applicant; the others are officers elsewhere
  const deqing = { sub: 'cadre-330521102', roles: ['township-officer' as const], jurisdiction: '330521102' };
  const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
  const otherCity = { sub: 'officer-3306', roles: ['city-officer' as const], jurisdiction: '3306' };
  const otherTownship = { sub: 'cadre-330522101', roles: ['township-officer' as const], jurisdiction: '330522101' };
  const applicant = { name: '沈阿婆', idNumber: idNumber('1948-07-09', 121), phone: '13900002222', divisionCode: '330521102' };
  const unknownNumber = idNumber('1948-07-09', 123);
  let personId: string;
  let householdId: string;
  let applicationId: string;

  /** Status and body, with the identifier asked for replaced, so two answers can be compared. */
  const answer = (res: request.Response, asked?: string) => ({
    status: res.status,
    body: asked ? JSON.parse(JSON.stringify(res.body).split(asked).join('<id>')) : res.body,
  });

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    personId = (await http().post('/people').set(bearer(deqing)).send(applicant).expect(201)).body.person.personId;
    const household = await http()
      .post('/households')
      .set(bearer(deqing))
      .send({
        divisionCode: '330521102',
        members: [{ name: '沈阿公', idNumber: idNumber('1946-01-02', 131), relation: 'head', canWork: false }],
      })
      .expect(201);
    householdId = household.body.householdId;
    applicationId = (
      await http()
        .post('/applications')
        .set(bearer(deqing))
        .send({ kind: 'extreme-poverty', divisionCode: '330521102', applicantId: personId })
        .expect(201)
    ).body.applicationId;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers a known ID number outside the jurisdiction exactly as an unknown one (404, same body)', async () => {
    for (const officer of [otherCounty, otherCity, otherTownship]) {
      const known = await http().post('/people/lookups').set(bearer(officer)).send({ idNumber: applicant.idNumber });
      const unknown = await http().post('/people/lookups').set(bearer(officer)).send({ idNumber: unknownNumber });
      expect(answer(known)).toEqual(answer(unknown));
      expect(known.status).toBe(404);
      expect(known.body).toEqual({
        statusCode: 404,
        error: 'PersonNotFound',
        message: 'no person with this ID number in your jurisdiction',
      });
    }
    // inside it, the person is found
    const found = await http().post('/people/lookups').set(bearer(deqing)).send({ idNumber: applicant.idNumber }).expect(200);
    expect(found.body.personId).toBe(personId);
  });

  it('does the same reads for a known number outside the jurisdiction as for an unknown one', async () => {
    const persons = app.get(PersonRepository);
    const roll = app.get(RegisterRollRepository);
    const spies = [jest.spyOn(persons, 'personIdOfKey'), jest.spyOn(persons, 'get'), jest.spyOn(roll, 'entries')];
    const reads = async (number: string) => {
      spies.forEach((s) => s.mockClear());
      await http().post('/people/lookups').set(bearer(otherCounty)).send({ idNumber: number }).expect(404);
      return spies.map((s) => s.mock.calls.length);
    };
    try {
      const known = await reads(applicant.idNumber);
      expect(known).toEqual([1, 1, 1]);
      expect(await reads(unknownNumber)).toEqual(known);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  it('answers a person, household or application id outside the jurisdiction as an unknown id', async () => {
    const pairs: [string, string, string][] = [
      [`/people/${personId}`, '/people/p-00000000-0000-4000-8000-000000000000', 'get'],
      [`/households/${householdId}`, '/households/hh-00000000-0000-4000-8000-000000000000', 'get'],
      [`/households/${householdId}/assessments`, '/households/hh-00000000-0000-4000-8000-000000000000/assessments', 'get'],
      [`/applications/${applicationId}`, '/applications/app-330521-00000000-0000-4000-8000-000000000000', 'get'],
      [`/applications/${applicationId}/acceptance`, '/applications/app-330521-00000000-0000-4000-8000-000000000000/acceptance', 'post'],
    ];
    for (const [known, unknown, method] of pairs) {
      const officer = method === 'post' ? otherTownship : otherCounty;
      const a = await http()[method as 'get'](known).set(bearer(officer));
      const b = await http()[method as 'get'](unknown).set(bearer(officer));
      expect(a.status).toBe(404);
      expect(answer(a, known.split('/')[2])).toEqual(answer(b, unknown.split('/')[2]));
      expect(JSON.stringify(a.body)).not.toContain('330521102');
    }
  });

  it('refers to a person or household outside the jurisdiction in an application as to an unknown one', async () => {
    const officer = otherTownship;
    const base = { kind: 'extreme-poverty', divisionCode: '330522101' };
    const byId = await http()
      .post('/applications')
      .set(bearer(officer))
      .send({ ...base, applicantId: personId });
    const byUnknownId = await http()
      .post('/applications')
      .set(bearer(officer))
      .send({ ...base, applicantId: 'p-00000000-0000-4000-8000-000000000000' });
    expect(byId.status).toBe(404);
    expect(answer(byId, personId)).toEqual(answer(byUnknownId, 'p-00000000-0000-4000-8000-000000000000'));

    const household = await http()
      .post('/applications')
      .set(bearer(officer))
      .send({ kind: 'dibao', divisionCode: '330522101', householdId, applicantId: personId });
    const unknownHousehold = await http()
      .post('/applications')
      .set(bearer(officer))
      .send({ kind: 'dibao', divisionCode: '330522101', householdId: 'hh-nope', applicantId: personId });
    expect(household.status).toBe(400);
    expect(answer(household, householdId)).toEqual(answer(unknownHousehold, 'hh-nope'));
    expect(household.body.error).toBe('UnknownHousehold');
  });

  it('refuses to register, attach or enrol a number on file elsewhere without naming the person or the township', async () => {
    const officer = otherTownship;
    const register = await http()
      .post('/people')
      .set(bearer(officer))
      .send({ ...applicant, divisionCode: '330522101' })
      .expect(403);
    const apply = await http()
      .post('/applications')
      .set(bearer(officer))
      .send({ kind: 'extreme-poverty', divisionCode: '330522101', applicant: { name: applicant.name, idNumber: applicant.idNumber } })
      .expect(403);
    const household = await http()
      .post('/households')
      .set(bearer(officer))
      .send({
        divisionCode: '330522101',
        members: [{ name: applicant.name, idNumber: applicant.idNumber, relation: 'head', canWork: false }],
      })
      .expect(403);
    expect(household.body).toMatchObject({ error: 'OutsideJurisdiction', details: { field: 'members.0.idNumber' } });
    for (const res of [register, apply, household]) {
      expect(res.body.error).toBe('OutsideJurisdiction');
      const text = JSON.stringify(res.body);
      for (const secret of ['330521102', '3305', personId, applicant.idNumber, '沈']) expect(text).not.toContain(secret);
    }
  });
});
