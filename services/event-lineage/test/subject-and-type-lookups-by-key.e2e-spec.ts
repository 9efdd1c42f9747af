import { INestApplication } from '@nestjs/common';
import { DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { createEvent, TopicNames, toKafkaRecord } from '@civil/messaging';
import { bearer, createRunTopics, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { recordOf } from '../src/ingestion/application/read-record';
import { LineageStore } from '../src/ingestion/infrastructure/lineage.store';
import { missedData, startLineage } from './support';

/**
 * Events by subject and by type in a window are read from their keyed lookup documents: every
 * match once, newest first, page after page, only within the caller's jurisdiction; storing the
 * same batch again adds nothing to them; a window longer than 31 days is answered by a scan of
 * the events, and a subject lookup without a window covers the last 31 days.
 */
describe('event-lineage lookups by subject and by type', () => {
  const run = isolatedRun('lin-keys');
  const names = new TopicNames(run.topicPrefix);
  const topic = names.physical(DailyReportTopic.name);
  const deqing = { sub: 'analyst-deqing', roles: ['analyst' as const], jurisdiction: '330521' };
  const national = { sub: 'analyst-national', roles: ['analyst' as const], jurisdiction: '00' };
  let app: INestApplication;
  let store: LineageStore;
  let offset = 0;

  /** A ReportMissed as the consumer hands it to the store, at the next offset of partition 0. */
  const record = (id: string, unitId: string, day: string, region: string, time: Date) => {
    const e = createEvent(ReportMissedV1, missedData(unitId, day, region), { id, time, correlationId: `flow-${id}` });
    const r = toKafkaRecord(e, ReportMissedV1.topic, unitId);
    const message = {
      key: Buffer.from(r.key),
      value: Buffer.from(r.value),
      offset: String(offset++),
      timestamp: String(time.getTime()),
      headers: r.headers,
    };
    return recordOf(names, { topic, partition: 0, message });
  };

  const pages = async (who: typeof deqing, query: Record<string, string | number>) => {
    const http = request(app.getHttpServer());
    const items: any[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 50; n++) {
      const body = (
        await http
          .get('/api/events')
          .query({ ...query, ...(cursor ? { cursor } : {}) })
          .set(bearer(who))
          .expect(200)
      ).body;
      items.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('more than 50 pages');
  };

  // 2026-03-02: 30 events over the day (one every 40 minutes, 3 in 广州越秀), subject u-1 four times
  const day = '2026-03-02';
  const batch = Array.from({ length: 30 }, (_, i) =>
    record(
      `day-${i}`,
      i % 7 === 0 ? 'u-1' : `u-${100 + i}`,
      day,
      i % 10 === 5 ? '440104001' : '330521101',
      new Date(Date.parse(`${day}T00:10:00Z`) + i * 40 * 60_000),
    ),
  );
  const expected = (pred: (r: (typeof batch)[number]['event']) => boolean) =>
    batch
      .map((r) => r.event!)
      .filter(pred)
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .map((e) => e.eventId);

  beforeAll(async () => {
    await createRunTopics(run);
    app = await startLineage(run);
    store = app.get(LineageStore);
    await store.insertBatch(batch);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('finds the events of a type in a window, newest first, a page at a time, within the jurisdiction', async () => {
    const inDeqing = expected((e) => e!.region === '330521101');
    expect(inDeqing).toHaveLength(27);
    const found = await pages(deqing, { type: ReportMissedV1.type, from: `${day}T00:00:00Z`, to: `${day}T23:59:59.999Z`, limit: 4 });
    expect(found.map((e) => e.eventId)).toEqual(inDeqing);
    const all = await pages(national, { type: ReportMissedV1.type, from: `${day}T00:00:00Z`, to: '2026-03-03T00:00:00Z', limit: 100 });
    expect(all.map((e) => e.eventId)).toEqual(expected(() => true));
    // a window within the day: 03:00 to 06:00
    const some = await pages(national, { type: ReportMissedV1.type, from: `${day}T03:00:00Z`, to: `${day}T06:00:00Z` });
    expect(some.map((e) => e.eventId)).toEqual(
      expected((e) => e!.at >= new Date(`${day}T03:00:00Z`) && e!.at < new Date(`${day}T06:00:00Z`)),
    );
    expect(some.length).toBeGreaterThan(0);
    const otherType = await pages(national, { type: 'cn.gov.civilaffairs.none.v1', from: `${day}T00:00:00Z`, to: '2026-03-03T00:00:00Z' });
    expect(otherType).toEqual([]);
  });

  it('finds the events of a subject in a window, with a type too', async () => {
    const subject = `u-1:${day}`;
    const ofSubject = expected((e) => e!.subject === subject);
    expect(ofSubject).toHaveLength(5);
    const found = await pages(national, { subject, from: '2026-03-01T00:00:00Z', to: '2026-03-29T00:00:00Z', limit: 2 });
    expect(found.map((e) => e.eventId)).toEqual(ofSubject);
    expect(found.every((e) => e.subject === subject)).toBe(true);
    const withType = await pages(national, {
      subject,
      type: ReportMissedV1.type,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-29T00:00:00Z',
    });
    expect(withType.map((e) => e.eventId)).toEqual(ofSubject);
    const withOtherType = await pages(national, {
      subject,
      type: 'cn.gov.civilaffairs.none.v1',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-29T00:00:00Z',
    });
    expect(withOtherType).toEqual([]);
    // i = 0, 7, 14, 21, 28: none of them in 越秀 (i % 10 === 5), so the county sees all five
    expect((await pages(deqing, { subject, from: '2026-03-01T00:00:00Z', to: '2026-03-29T00:00:00Z' })).map((e) => e.eventId)).toEqual(
      ofSubject,
    );
    expect(
      await pages({ ...deqing, jurisdiction: '440104' }, { subject, from: '2026-03-01T00:00:00Z', to: '2026-03-29T00:00:00Z' }),
    ).toEqual([]);
  });

  it('adds nothing to the lookup documents when a batch is stored again', async () => {
    const before = await store.lookupKeys.find({}).toArray();
    await store.insertBatch(batch);
    const after = await store.lookupKeys.find({}).toArray();
    const sizes = (docs: typeof before) => Object.fromEntries(docs.map((d) => [d._id, (d.members?.length ?? 0) + (d.chunks?.length ?? 0)]));
    expect(sizes(after)).toEqual(sizes(before));
    // one subject document per (subject, day), one directory per (type, hour) and its chunk
    expect(before.filter((d) => d._id.startsWith('s|')).length).toBe(new Set(batch.map((r) => r.event!.subject)).size);
    const members = before.filter((d) => d._id.startsWith('t|') && d.members).flatMap((d) => d.members!);
    expect(members).toHaveLength(30);
    const found = await pages(national, { type: ReportMissedV1.type, from: `${day}T00:00:00Z`, to: '2026-03-03T00:00:00Z' });
    expect(found.map((e) => e.eventId)).toEqual(expected(() => true));
  });

  it('answers a window longer than 31 days by a scan, and a subject without a window over the last 31 days', async () => {
    const long = await pages(deqing, { type: ReportMissedV1.type, from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z', limit: 10 });
    expect(long.map((e) => e.eventId)).toEqual(expected((e) => e!.region === '330521101'));
    const bySubjectLong = await pages(national, { subject: `u-1:${day}`, from: '2026-01-01T00:00:00Z' });
    expect(bySubjectLong).toHaveLength(5);

    const now = Date.now();
    const recent = record('recent-1', 'u-now', day, '330521101', new Date(now - 2 * 3_600_000));
    const old = record('old-1', 'u-now', day, '330521101', new Date(now - 40 * 86_400_000));
    await store.insertBatch([recent, old]);
    const withoutWindow = await pages(deqing, { subject: `u-now:${day}` });
    expect(withoutWindow.map((e) => e.eventId)).toEqual(['recent-1']);
    const withWindow = await pages(deqing, {
      subject: `u-now:${day}`,
      from: new Date(now - 45 * 86_400_000).toISOString(),
      to: new Date(now - 30 * 86_400_000).toISOString(),
    });
    expect(withWindow.map((e) => e.eventId)).toEqual(['old-1']);
    const byTypeWithoutWindow = await pages(deqing, { type: ReportMissedV1.type });
    expect(byTypeWithoutWindow.map((e) => e.eventId)).toEqual(['recent-1']);
  });
});
