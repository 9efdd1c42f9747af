import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, ReportMissedV1 } from '@civil/contracts';
import { outboxEntry } from '@civil/messaging';
import { deterministicId, SettableClock } from '@civil/kernel';
import { bearer, createRunTopics, isolatedRun, mongoUrl, waitFor } from '@civil/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { startSupervision, upstream } from './support';

const province = { sub: 'p', roles: ['province-officer' as const], jurisdiction: '33' };

/**
 * A database written before each case subject had a document of its own: a case per document
 * (keyed by case id, no `caseId` field) and a `case_subjects` pointer to the open one. At start
 * the open case moves into its subject's document with its pending events and applied keys; the
 * resolved one stays readable by id; the next signal counts on the moved case.
 */
describe('cases of the earlier layout', () => {
  const run = isolatedRun('sv-layout');
  const clock = new SettableClock('2026-03-04T03:00:00Z');
  const up = upstream(run);
  let app: INestApplication | undefined;
  const client = new MongoClient(mongoUrl());

  afterAll(async () => {
    await app?.close();
    await up.publisher.disconnect();
    await client.close();
  });

  it('move into their subjects at start, keep their pending events and applied keys, and take the next signal', async () => {
    await createRunTopics(run);
    const db = client.db(run.dbName('supervision'));
    const key = `/civil-affairs/institution-monitoring#${deterministicId(ReportMissedV1.type, 'u-old', '2026-03-01')}`;
    const base = {
      caseType: 'report-missed',
      subjectId: 'u-old',
      unitId: 'u-old',
      divisionCode: '330521101',
      divisionAncestors: ['33', '3305', '330521', '330521101'],
      level: 'township',
      reportedTo: null,
      openedAt: new Date('2026-03-01T02:01:00Z'),
      triggeringEventId: 'e-1',
      history: [{ at: new Date('2026-03-01T02:01:00Z'), action: 'opened', level: 'township', eventId: 'e-1', note: 'no report' }],
    };
    // an event not yet published (the recovery scan leaves it to its writer for 10 s)
    const pending = { ...outboxEntry(CaseOpenedV1, { ...CaseOpenedV1.example, caseId: 'c-open' }, { time: new Date() }), id: 'pending-1' };
    await db.collection('cases').insertMany([
      {
        _id: 'c-open' as never,
        ...base,
        status: 'open',
        nextEscalationAt: new Date('2026-03-05T00:00:00Z'),
        occurrences: 1,
        outstanding: ['2026-03-01'],
        version: 3,
        outbox: [pending],
      },
      {
        _id: 'c-done' as never,
        ...base,
        status: 'resolved',
        nextEscalationAt: null,
        occurrences: 1,
        outstanding: [],
        resolution: 'late-report-received',
        version: 4,
        outbox: [],
      },
    ]);
    await db.collection('case_subjects').insertOne({
      _id: 'report-missed:u-old' as never,
      caseType: 'report-missed',
      subjectId: 'u-old',
      openCaseId: 'c-open',
      appliedEvents: [key],
    });

    app = await startSupervision(run, clock);
    const http = request(app.getHttpServer());
    const moved = await db.collection('cases').findOne({ _id: 'subject:report-missed:u-old' as never });
    expect(moved).toMatchObject({ caseId: 'c-open', status: 'open', appliedEvents: [key] });
    expect(moved!.outbox.map((e: { id: string }) => e.id)).toEqual(['pending-1']);
    expect(await db.collection('cases').countDocuments({ _id: 'c-open' as never })).toBe(0);
    expect(await db.collection('case_subjects').countDocuments({})).toBe(0);
    expect((await http.get('/cases/c-done').set(bearer(province)).expect(200)).body).toMatchObject({
      caseId: 'c-done',
      status: 'resolved',
    });

    // the applied day again changes nothing; a new day counts on the moved case
    await up.publisher.publish([up.missedRecord('u-old', '2026-03-01'), up.missedRecord('u-old', '2026-03-02')]);
    const c = await waitFor('the new day counted on the moved case', async () => {
      const body = (await http.get('/cases/c-open').set(bearer(province)).expect(200)).body;
      return body.occurrences === 2 ? body : undefined;
    });
    expect(c.outstanding).toEqual(['2026-03-01', '2026-03-02']);
    const all = (await http.get('/cases').query({ limit: 100 }).set(bearer(province)).expect(200)).body;
    expect(all.map((x: { caseId: string }) => x.caseId).sort()).toEqual(['c-done', 'c-open']);
  }, 120_000);
});
