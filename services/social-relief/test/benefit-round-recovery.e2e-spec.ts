import { INestApplication } from '@nestjs/common';
import { BenefitTopic, EntitlementIssuedV1 } from '@civil/contracts';
import { deterministicId, SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { collectionOf, DATABASE } from '@civil/persistence';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { entitlementIdOf, bucketOf, DEFAULT_BUCKETS, totalsOf } from '../src/benefit-rounds/domain/round';
import { EntitlementIssuanceStore } from '../src/benefit-rounds/infrastructure/entitlement-issuance.store';
import { EntitlementRepository } from '../src/benefit-rounds/infrastructure/entitlement.repository';
import { PersonRegistry } from '../src/people/application/person-registry';
import { countyOfficer, idNumber, startSocialRelief } from './support';

/** Older than the recovery scan leaves to a live writer. */
const longAgo = () => new Date(Date.now() - 10 * 60_000);
const round = {
  roundId: 'recovered-2022',
  kind: 'consumption-voucher',
  title: '2022年末困难群众消费券',
  amountFen: 30000,
  registers: ['dibao'],
  snapshotDate: '2022-12-31',
  divisionCode: '330521',
};

/**
 * EntitlementIssued is not copied into the buckets: a run writes a small marker before each bucket
 * write and the relay rebuilds the events from the bucket. These tests crash a run between its
 * bucket write and the publication (by writing as the run does and never announcing), and check
 * that the relay's recovery publishes exactly the events a live run would have, once.
 */
describe('benefit rounds: events of a run that crashed after writing a bucket', () => {
  const run = isolatedRun('sr-round-recovery');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(BenefitTopic.name);
  const personIds: string[] = [];
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const issued = () => recorder.of(topic, EntitlementIssuedV1.type).filter((m) => m.json.roundId === round.roundId);
  const markers = () => collectionOf(app.get<Connection>(DATABASE), EntitlementIssuanceStore.NAME).find({}).toArray();

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const registry = app.get(PersonRegistry);
    for (let i = 0; i < 4; i++) {
      const res = await http()
        .post('/people')
        .set(bearer(countyOfficer))
        .send({ name: `困难户${i}`, idNumber: idNumber('1950-03-01', 70 + i), divisionCode: '330521101' })
        .expect(201);
      personIds.push(res.body.person.personId);
      await registry.enrol(res.body.person.personId, {
        register: 'dibao',
        sourceType: 'household',
        sourceId: `h-rec-${i}`,
        from: '2022-06-01',
      });
    }
    await http().post('/benefit-rounds').set(bearer(countyOfficer)).send(round).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('publishes what a crashed run wrote, rebuilt from the bucket, and a later run adds only the rest', async () => {
    const store = app.get(EntitlementIssuanceStore);
    const crashed = personIds[0];
    const bucket = bucketOf(crashed, DEFAULT_BUCKETS);
    const issuedAt = '2026-03-02T01:00:00.000Z';
    const item = {
      entitlementId: entitlementIdOf(round.roundId, crashed, DEFAULT_BUCKETS),
      beneficiaryType: 'person' as const,
      beneficiaryRef: crashed,
      register: 'dibao' as const,
      quantity: 1,
      amountFen: 30000,
      divisionCode: '330521101',
      issuedAt,
    };
    // what a run does before the relay hears of it: the marker, then the bucket; then it "crashes"
    await store.mark([{ roundId: round.roundId, roundKind: 'consumption-voucher', bucket, from: 0, at: longAgo(), traceparent: null }]);
    expect(await app.get(EntitlementRepository).insertBucket(round.roundId, bucket, [item], totalsOf([item]))).toBe(true);
    // a marker whose write never happened (the run crashed in between) publishes nothing
    const empty = (bucket + 1) % DEFAULT_BUCKETS;
    await store.mark([
      { roundId: round.roundId, roundKind: 'consumption-voucher', bucket: empty, from: 0, at: longAgo(), traceparent: null },
    ]);

    await app.get(OutboxRelay).flush();
    const [m] = await recorder.waitForKey(topic, crashed, 1, EntitlementIssuedV1.type);
    expect(m.headers).toMatchObject({
      ce_type: EntitlementIssuedV1.type,
      ce_subject: item.entitlementId,
      ce_time: issuedAt,
      ce_region: '330521101',
    });
    expect(m.json).toEqual({
      entitlementId: item.entitlementId,
      roundId: round.roundId,
      roundKind: 'consumption-voucher',
      beneficiaryType: 'person',
      beneficiaryRef: crashed,
      register: 'dibao',
      quantity: 1,
      amountFen: 30000,
      divisionCode: '330521101',
      issuedAt,
    });
    // the id a live run gives the event, so a consumer that saw it then drops this copy
    expect(m.headers.ce_id).toBe(deterministicId(EntitlementIssuedV1.type, item.entitlementId));
    expect(await markers()).toEqual([]);
    // the empty marker went only after fencing its bucket: a write decided before the scan cannot land unseen
    expect(await app.get(EntitlementRepository).insertBucket(round.roundId, empty, [], totalsOf([]))).toBe(false);

    // the rerun finds the crashed run's entitlement and issues the other three, once each
    const ran = await http().post(`/benefit-rounds/${round.roundId}/runs?wait=true`).set(bearer(countyOfficer)).expect(200);
    expect(ran.body).toMatchObject({ status: 'issued', issuedNow: 3, eligible: 4, totals: { entitlements: 4 } });
    await app.get(OutboxRelay).flush();
    await waitFor('four EntitlementIssued', () => issued().length >= 4 || undefined);
    await recorder.caughtUp();
    expect(
      issued()
        .map((x) => x.key)
        .sort(),
    ).toEqual([...personIds].sort());
    // the crashed run's event and the rerun's agree on the id a consumer de-duplicates on
    expect(m.headers.ce_id).toBe(issued().find((x) => x.key === crashed)!.headers.ce_id);
    expect(await markers()).toEqual([]);
  });

  it('removes a marker with nothing after it only by moving its bucket’s version on, so the write it announced must mark again', async () => {
    const store = app.get(EntitlementIssuanceStore);
    const repo = app.get(EntitlementRepository);
    const bucket = bucketOf(personIds[0], DEFAULT_BUCKETS);
    const before = (await repo.bucket(round.roundId, bucket))!;
    // a writer marked the bucket's next entitlement and has not written it yet
    await store.mark([
      { roundId: round.roundId, roundKind: 'consumption-voucher', bucket, from: before.items.length, at: longAgo(), traceparent: null },
    ]);
    await app.get(OutboxRelay).flush();
    expect(await markers()).toEqual([]);
    const late = { ...before.items[0], entitlementId: 'ent-late', beneficiaryRef: 'p-late' };
    expect(await repo.addToBucket(before.docId, before.version, [late], totalsOf([...before.items, late]))).toBe(false);
    expect((await repo.bucket(round.roundId, bucket))!.items).toEqual(before.items);
  });

  it('leaves a live run’s recent marker to that run’s relay', async () => {
    const store = app.get(EntitlementIssuanceStore);
    await store.mark([{ roundId: round.roundId, roundKind: 'consumption-voucher', bucket: 7, from: 0, at: new Date(), traceparent: null }]);
    expect(await store.pending(10)).toEqual([]);
    expect((await markers()).map((d) => d._id)).toEqual([`${round.roundId}#7#0`]);
    await store.markPublished([{ docId: `${round.roundId}#7#0`, entryIds: [] }]);
    expect(await markers()).toEqual([]);
  });
});
