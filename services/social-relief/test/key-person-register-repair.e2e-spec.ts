import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { KeyPersonEntryRepository } from '../src/key-person-lists/infrastructure/key-person-entry.repository';
import { PersonRegistry } from '../src/people/application/person-registry';
import { admin, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const poor = { name: '郑守山', idNumber: idNumber('1948-05-05', 311) };
const other = { name: '郑守水', idNumber: idNumber('1949-06-06', 313) };

describe('key-person lists: ending a 散居特困 membership an entry made survives a crash after the entry is written', () => {
  const run = isolatedRun('sr-kp-register-repair');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const sweep = async () => (await http().post('/key-person-lists/overdue-sweeps').set(bearer(admin)).expect(200)).body;
  const personOf = async (personId: string) => (await http().get(`/people/${personId}`).set(bearer(townshipOfficer)).expect(200)).body;
  const markerOf = async (entryId: string) => (await app.get(KeyPersonEntryRepository).get(entryId))?.value.registerSyncPending ?? null;

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await app?.close();
  });

  it('adds a 散居特困 entry without any register change to make: no marker, nobody enrolled (seed 003 篇八)', async () => {
    const enrol = jest.spyOn(app.get(PersonRegistry), 'enrol');
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...poor, categories: ['dispersed-extreme-poverty'] })
      .expect(201);
    const { entryId, personId } = added.body.entry;
    expect(enrol).not.toHaveBeenCalled();
    expect(await markerOf(entryId)).toBeNull();
    expect((await personOf(personId)).registers).toEqual([]);
    expect(await sweep()).toMatchObject({ registerSynced: 0 });
    expect((await personOf(personId)).registers).toEqual([]);
  });

  it('closes the entry even when ending the membership fails; the sweep takes the person off the register', async () => {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...other, categories: ['dispersed-extreme-poverty'] })
      .expect(201);
    const { entryId, personId } = added.body.entry;
    // a membership an entry made under the older rule (lists enrolled then)
    await app.get(PersonRegistry).enrol(personId, {
      register: 'dispersed-extreme-poverty',
      sourceType: 'key-person-list',
      sourceId: entryId,
      from: '2026-03-03',
    });
    expect((await personOf(personId)).registers).toEqual(['dispersed-extreme-poverty']);
    expect(await markerOf(entryId)).toBeNull();

    clock.set('2026-03-10T02:00:00Z');
    jest.spyOn(app.get(PersonRegistry), 'endMembership').mockRejectedValueOnce(new Error('process died here'));
    await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/closure`)
      .set(bearer(townshipOfficer))
      .send({ reason: '已迁出' })
      .expect(200);
    expect((await personOf(personId)).registers).toEqual(['dispersed-extreme-poverty']);
    expect(await markerOf(entryId)).toMatchObject({ action: 'end', day: '2026-03-10' });

    clock.set('2026-03-12T02:00:00Z');
    expect(await sweep()).toMatchObject({ registerSynced: 1 });
    const person = await personOf(personId);
    expect(person.registers).toEqual([]);
    expect(person.memberships).toEqual([
      expect.objectContaining({ register: 'dispersed-extreme-poverty', sourceId: entryId, from: '2026-03-03', to: '2026-03-10' }),
    ]);
    expect(await markerOf(entryId)).toBeNull();
  });

  it('dropping 散居特困 by an update is repaired the same way', async () => {
    const added = await http()
      .post('/key-person-lists/330521102/entries')
      .set(bearer(otherTownshipOfficer))
      .send({ ...poor, categories: ['dispersed-extreme-poverty', 'empty-nest-elderly'] })
      .expect(201);
    const { entryId, personId } = added.body.entry;
    await app.get(PersonRegistry).enrol(personId, {
      register: 'dispersed-extreme-poverty',
      sourceType: 'key-person-list',
      sourceId: entryId,
      from: '2026-03-12',
    });
    const sources = async () =>
      (await personOf(personId)).memberships
        .filter((m: { to: string | null }) => m.to === null)
        .map((m: { sourceId: string }) => m.sourceId);
    expect(await sources()).toContain(entryId);

    jest.spyOn(app.get(PersonRegistry), 'endMembership').mockRejectedValueOnce(new Error('process died here'));
    await http()
      .patch(`/key-person-lists/330521102/entries/${entryId}`)
      .set(bearer(otherTownshipOfficer))
      .send({ categories: ['empty-nest-elderly'] })
      .expect(200);
    expect(await sources()).toContain(entryId);
    expect(await markerOf(entryId)).toMatchObject({ action: 'end' });

    expect(await sweep()).toMatchObject({ registerSynced: 1 });
    expect(await sources()).not.toContain(entryId);
    expect(await markerOf(entryId)).toBeNull();
  });
});
