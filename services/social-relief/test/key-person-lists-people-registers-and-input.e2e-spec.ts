import { INestApplication } from '@nestjs/common';
import { KeyPersonTopic, ReliefStatusChangedV1, ReliefStatusTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { KeyPersonEntryRepository } from '../src/key-person-lists/infrastructure/key-person-entry.repository';
import { PersonRegistry } from '../src/people/application/person-registry';
import { countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const poor = { name: '黄守田', idNumber: idNumber('1950-01-01', 123), phone: '13600004444' };
/** The old 15-digit form of the same number (no century, no check character). */
const poor15 = poor.idNumber.slice(0, 6) + poor.idNumber.slice(8, 17);
const child = { name: '刘小雨', idNumber: idNumber('2015-06-01', 42) };
const guardian = { name: '刘大山', phone: '13500005555', relation: '祖父' };

describe('key-person lists: one person across lists, the 散居特困 register, personal data, input and scope', () => {
  const run = isolatedRun('sr-kp-people');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const statusTopic = names.physical(ReliefStatusTopic.name);
  const keyPersonTopic = names.physical(KeyPersonTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let personId: string;
  let entry101: string;
  let entry102: string;
  const http = () => request(app.getHttpServer());
  const statusChanges = () => recorder.of(statusTopic, ReliefStatusChangedV1.type);
  const personalValues = [poor.name, poor.idNumber, poor15, poor.phone, child.name, child.idNumber, guardian.name, guardian.phone];
  const leaks = (m: RecordedMessage) =>
    personalValues.filter((v) => (m.value ?? '').includes(v) || JSON.stringify(m.headers).includes(v) || (m.key ?? '').includes(v));

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([statusTopic, keyPersonTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('records 散居特困 on the list and enrols nobody: the 特困 register is the county’s decision (seed 003 篇八)', async () => {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...poor, categories: ['empty-nest-elderly', 'dispersed-extreme-poverty'] })
      .expect(201);
    expect(added.body).toMatchObject({ created: true, reopened: false, personCreated: true });
    personId = added.body.entry.personId;
    entry101 = added.body.entry.entryId;
    expect(entry101).toMatch(/^kp-330521101-/);
    expect(added.body.entry).toMatchObject({
      categories: ['dispersed-extreme-poverty', 'empty-nest-elderly'],
      categoryLabels: ['散居特困人员', '空巢独居老人'],
      cadenceDays: 7,
      person: {
        name: '黄**',
        idNumber: expect.stringMatching(/^3305\*+\d{3}[\dX]$/),
        phone: '136****4444',
        registers: [],
      },
    });

    const person = await http().get(`/people/${personId}`).set(bearer(townshipOfficer)).expect(200);
    expect(person.body.registers).toEqual([]);
    expect(person.body.memberships).toEqual([]);
    await app.get(OutboxRelay).flush();
    expect(statusChanges()).toEqual([]);
  });

  it('finds the same person on another township’s list (even by the old 15-digit number): one person, once per list', async () => {
    const again = await http()
      .post('/key-person-lists/330521102/entries')
      .set(bearer(otherTownshipOfficer))
      .send({ name: poor.name, idNumber: poor15, categories: ['severely-disabled'] })
      .expect(201);
    expect(again.body).toMatchObject({ created: true, personCreated: false, entry: { personId } });
    entry102 = again.body.entry.entryId;
    expect(entry102).not.toBe(entry101);
    expect(again.body.entry).toMatchObject({ cadenceDays: 14, person: { registers: [] } });

    const twice = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(countyOfficer))
      .send({ ...poor, categories: ['orphan'] })
      .expect(409);
    expect(twice.body).toMatchObject({ error: 'AlreadyOnList', details: { entryId: entry101, personId } });

    const list101 = await http().get('/key-person-lists/330521101/entries').set(bearer(townshipOfficer)).expect(200);
    expect(
      list101.body.entries.filter((e: { personId: string }) => e.personId === personId).map((e: { entryId: string }) => e.entryId),
    ).toEqual([entry101]);
    const list102 = await http().get('/key-person-lists/330521102/entries').set(bearer(otherTownshipOfficer)).expect(200);
    expect(list102.body.entries.map((e: { personId: string }) => e.personId)).toEqual([personId]);
    expect(JSON.stringify([list101.body, list102.body])).not.toContain(poor.idNumber);
  });

  it('ends a 散居特困 membership an entry made before the county decided 特困 when the category goes; adding it back enrols nobody', async () => {
    // a membership an entry made under the older rule, still on the roll
    await app.get(PersonRegistry).enrol(personId, {
      register: 'dispersed-extreme-poverty',
      sourceType: 'key-person-list',
      sourceId: entry101,
      from: '2026-03-01',
    });
    const [onTheRoll] = await recorder.waitForCount(statusTopic, 1, ReliefStatusChangedV1.type);
    expect(onTheRoll.json).toMatchObject({ registers: ['dispersed-extreme-poverty'], divisionCode: '330521101' });
    expect(onTheRoll.key).toBe(onTheRoll.json.personKey);
    expect(leaks(onTheRoll)).toEqual([]);

    clock.set('2026-03-03T02:00:00Z');
    const removed = await http()
      .patch(`/key-person-lists/330521101/entries/${entry101}`)
      .set(bearer(townshipOfficer))
      .send({ categories: ['empty-nest-elderly'] })
      .expect(200);
    expect(removed.body.person.registers).toEqual([]);
    await waitFor('registers [] on the wire', () => statusChanges().find((m) => m.json.registers.length === 0));

    clock.set('2026-03-04T02:00:00Z');
    const readded = await http()
      .patch(`/key-person-lists/330521101/entries/${entry101}`)
      .set(bearer(townshipOfficer))
      .send({ categories: ['dispersed-extreme-poverty', 'empty-nest-elderly'] })
      .expect(200);
    expect(readded.body.person.registers).toEqual([]);

    clock.set('2026-03-05T02:00:00Z');
    const closed = await http()
      .post(`/key-person-lists/330521101/entries/${entry101}/closure`)
      .set(bearer(townshipOfficer))
      .send({ reason: '已入住敬老院' })
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      statusLabel: '已移出清单',
      closeReason: '已入住敬老院',
      cadenceDays: null,
      visitState: null,
      person: { registers: [] },
    });

    const person = await http().get(`/people/${personId}`).set(bearer(townshipOfficer)).expect(200);
    expect(person.body.memberships).toEqual([
      { register: 'dispersed-extreme-poverty', sourceType: 'key-person-list', sourceId: entry101, from: '2026-03-01', to: '2026-03-03' },
    ]);
    await app.get(OutboxRelay).flush();
    expect(statusChanges().map((m) => m.json.registers)).toEqual([['dispersed-extreme-poverty'], []]);

    const visitClosed = await http()
      .post(`/key-person-lists/330521101/entries/${entry101}/visits`)
      .set(bearer(townshipOfficer))
      .send({ mode: 'phone', findings: '已入院' })
      .expect(409);
    expect(visitClosed.body).toMatchObject({ error: 'EntryClosed' });
    const listed = await http().get('/key-person-lists/330521101/entries?status=closed').set(bearer(townshipOfficer)).expect(200);
    expect(listed.body.entries.map((e: { entryId: string }) => e.entryId)).toEqual([entry101]);

    clock.set('2026-03-05T03:00:00Z');
    const reopened = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...poor, categories: ['empty-nest-elderly'] })
      .expect(201);
    expect(reopened.body).toMatchObject({
      created: false,
      reopened: true,
      entry: {
        entryId: entry101,
        status: 'active',
        activeSince: '2026-03-05T03:00:00.000Z',
        nextVisitDueAt: '2026-03-12T03:00:00.000Z',
        person: { registers: [] },
      },
    });
  });

  it('keeps the guardian encrypted in storage and masked in every view; filters by category and flag', async () => {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({
        ...child,
        categories: ['left-behind-child'],
        guardian,
        riskFlags: ['inadequate-guardianship'],
        finding: '祖父年迈，监护不到位',
        notes: '父母在外务工',
      })
      .expect(201);
    const childEntry = added.body.entry.entryId;
    expect(added.body.entry).toMatchObject({
      guardian: { name: '刘**', phone: '135****5555', relation: '祖父' },
      flags: [{ flag: 'inadequate-guardianship', label: '监护不到位' }],
    });

    const stored = await app.get(KeyPersonEntryRepository).get(childEntry);
    const raw = JSON.stringify(stored);
    for (const value of [guardian.name, guardian.phone, '父母在外务工', child.name, child.idNumber]) expect(raw).not.toContain(value);
    expect(stored!.value.guardian!.nameEnc).toMatch(/^v1:/);

    const flagged = await http()
      .get('/key-person-lists/330521101/entries?flag=inadequate-guardianship')
      .set(bearer(townshipOfficer))
      .expect(200);
    expect(flagged.body.entries.map((e: { entryId: string }) => e.entryId)).toEqual([childEntry]);
    const children = await http()
      .get('/key-person-lists/330521101/entries?category=left-behind-child')
      .set(bearer(townshipOfficer))
      .expect(200);
    expect(children.body.entries.map((e: { entryId: string }) => e.entryId)).toEqual([childEntry]);
    expect(JSON.stringify(children.body)).not.toContain(guardian.name);

    const changed = await http()
      .patch(`/key-person-lists/330521101/entries/${childEntry}`)
      .set(bearer(townshipOfficer))
      .send({ guardian: { name: '刘二妹', phone: '13500006666', relation: '姑姑' }, contact: null })
      .expect(200);
    expect(changed.body).toMatchObject({
      guardian: { name: '刘**', phone: '135****6666', relation: '姑姑' },
      contact: null,
      notes: '父母在外务工',
    });

    const cleared = await http()
      .delete(`/key-person-lists/330521101/entries/${childEntry}/flags/inadequate-guardianship`)
      .set(bearer(townshipOfficer))
      .send({ reason: '姑姑接回照料' })
      .expect(200);
    expect(cleared.body.flags).toEqual([]);
    expect(cleared.body.flagHistory.map((h: { action: string; actionLabel: string }) => `${h.action}:${h.actionLabel}`)).toEqual([
      'cleared:解除风险',
      'raised:标记风险',
    ]);
    await http()
      .delete(`/key-person-lists/330521101/entries/${childEntry}/flags/inadequate-guardianship`)
      .set(bearer(townshipOfficer))
      .expect(409);

    const raised = await waitFor('RiskFlagRaised for the child', () => recorder.of(keyPersonTopic).find((m) => m.key === childEntry));
    expect(raised.json).toMatchObject({
      flag: 'inadequate-guardianship',
      finding: '祖父年迈，监护不到位',
      categories: ['left-behind-child'],
    });
    expect(recorder.messages.flatMap(leaks)).toEqual([]);
  });

  it('answers 400 naming the field: a bad ID checksum, an unknown category, a finding with personal data', async () => {
    const broken = poor.idNumber.slice(0, 17) + (poor.idNumber[17] === '1' ? '2' : '1');
    const checksum = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ name: '某人', idNumber: broken, categories: ['orphan'] })
      .expect(400);
    expect(checksum.body).toMatchObject({ error: 'InvalidIdNumber', details: { field: 'idNumber' } });
    expect(JSON.stringify(checksum.body)).not.toContain(broken);

    const category = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...child, categories: ['orphan', 'vip'] })
      .expect(400);
    expect(category.body).toMatchObject({ error: 'ValidationFailed' });
    expect(category.body.fields.map((f: { field: string }) => f.field)).toEqual(['categories']);

    const none = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...child, categories: [] })
      .expect(400);
    expect(none.body.fields).toEqual([{ field: 'categories', reasons: ['must name at least one category'] }]);

    const mode = await http()
      .post(`/key-person-lists/330521102/entries/${entry102}/visits`)
      .set(bearer(otherTownshipOfficer))
      .send({ mode: 'letter', findings: '无' })
      .expect(400);
    expect(mode.body.fields.map((f: { field: string }) => f.field)).toEqual(['mode']);

    const leaky = await http()
      .post(`/key-person-lists/330521102/entries/${entry102}/flags`)
      .set(bearer(otherTownshipOfficer))
      .send({ flag: 'safety-issue', finding: `${poor.name}家中电线老化` })
      .expect(400);
    expect(leaky.body).toMatchObject({ error: 'PersonalDataInFinding', details: { field: 'finding' } });
    expect(JSON.stringify(leaky.body)).not.toContain(poor.name);

    const future = await http()
      .post(`/key-person-lists/330521102/entries/${entry102}/visits`)
      .set(bearer(otherTownshipOfficer))
      .send({ mode: 'phone', findings: '正常', visitedAt: '2026-03-06T10:00:00+08:00' })
      .expect(400);
    expect(future.body).toMatchObject({ error: 'VisitInFuture', details: { field: 'visitedAt' } });

    const township = await http().get('/key-person-lists/330521/entries').set(bearer(countyOfficer)).expect(400);
    expect(township.body).toMatchObject({ details: { field: 'townshipCode' } });
  });

  it('answers 403 to another township’s officer and 404 for an entry asked for under another township', async () => {
    const add = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(otherTownshipOfficer))
      .send({ ...child, categories: ['orphan'] })
      .expect(403);
    expect(add.body).toMatchObject({ error: 'OutsideJurisdiction' });
    await http().get('/key-person-lists/330521101/entries').set(bearer(otherTownshipOfficer)).expect(403);
    await http().get(`/key-person-lists/330521101/entries/${entry101}`).set(bearer(otherTownshipOfficer)).expect(403);
    await http()
      .patch(`/key-person-lists/330521101/entries/${entry101}`)
      .set(bearer(otherTownshipOfficer))
      .send({ notes: 'x' })
      .expect(403);
    await http()
      .post(`/key-person-lists/330521101/entries/${entry101}/visits`)
      .set(bearer(otherTownshipOfficer))
      .send({ mode: 'phone', findings: '正常' })
      .expect(403);
    await http()
      .post(`/key-person-lists/330521101/entries/${entry101}/flags`)
      .set(bearer(otherTownshipOfficer))
      .send({ flag: 'safety-issue', finding: '无' })
      .expect(403);
    await http().post('/key-person-lists/overdue-sweeps').set(bearer(countyOfficer)).expect(403);
    await http().get(`/key-person-lists/330521102/entries/${entry101}`).set(bearer(countyOfficer)).expect(404);
  });
});
