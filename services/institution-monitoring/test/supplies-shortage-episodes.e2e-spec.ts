import { INestApplication } from '@nestjs/common';
import { SupplyShortageClearedV1, SupplyShortageDetectedV1, SupplyStockUnaccountedV1, SupplyTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('supplies: one SupplyShortageDetected per item and episode, cleared once, region view', () => {
  const run = isolatedRun('im-supplies');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(SupplyTopic.name);
  const staff1 = { sub: 'staff-1', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-sup-1' };
  const staff2 = { sub: 'staff-2', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-sup-2' };
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const count = (unitId: string, item: string, stock: number, dailyUse: number, who: object = countyOfficer) =>
    http
      .put(`/institutions/${unitId}/supplies/${item}`)
      .set(bearer(who as typeof countyOfficer))
      .send({ stock, dailyUse });
  const detected = () => recorder.of(topic, SupplyShortageDetectedV1.type);
  const cleared = () => recorder.of(topic, SupplyShortageClearedV1.type);

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    for (const u of [unit('u-sup-1'), unit('u-sup-2'), unit('u-sup-3', '330521102'), unit('u-sup-4')]) {
      await http.post('/institutions').set(bearer(countyOfficer)).send(u).expect(201);
    }
    await http.post('/institutions').set(bearer(admin)).send(unit('u-sup-far', '330522101')).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('treats exactly 30 days as enough, and emits one SupplyShortageDetected over several low updates', async () => {
    const enough = await count('u-sup-1', 'masks', 3600, 120, staff1).expect(200);
    expect(enough.body).toMatchObject({ item: 'masks', label: '口罩', status: 'ok', daysOfCover: 30, episodeId: null, stale: false });

    clock.set('2026-03-02T03:00:00Z');
    const low = await count('u-sup-1', 'masks', 3599, 120, staff1).expect(200);
    expect(low.body).toMatchObject({
      status: 'short',
      daysOfCover: 29,
      episodeId: 'u-sup-1:masks:1',
      shortSince: '2026-03-02T03:00:00.000Z',
    });
    clock.set('2026-03-03T03:00:00Z');
    await count('u-sup-1', 'masks', 2400, 120, staff1).expect(200);
    clock.set('2026-03-04T03:00:00Z');
    const lower = await count('u-sup-1', 'masks', 1200, 120).expect(200);
    expect(lower.body).toMatchObject({
      status: 'short',
      daysOfCover: 10,
      episodeId: 'u-sup-1:masks:1',
      shortSince: '2026-03-02T03:00:00.000Z',
    });

    const [event] = await recorder.waitForCount(topic, 1, SupplyShortageDetectedV1.type);
    expect(event.key).toBe('u-sup-1');
    expect(event.headers.ce_type).toBe('cn.gov.civilaffairs.institution.supply-shortage-detected.v1');
    expect(event.headers.ce_subject).toBe('u-sup-1:masks:1');
    expect(event.json).toEqual({
      unitId: 'u-sup-1',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      episodeId: 'u-sup-1:masks:1',
      item: 'masks',
      stock: 3599,
      dailyUse: 120,
      daysOfCover: 29,
      floorDays: 30,
      detectedAt: '2026-03-02T03:00:00.000Z',
    });
  });

  it('clears the episode once on restock to 30 days, counts a resent receipt once, and a later shortage is a new episode', async () => {
    clock.set('2026-03-05T03:00:00Z');
    const restocked = await http
      .post('/institutions/u-sup-1/supplies/masks/receipts')
      .set(bearer(staff1))
      .send({ quantity: 2400, receiptId: 'RK-0001' })
      .expect(201);
    expect(restocked.body).toMatchObject({ status: 'ok', stock: 3600, daysOfCover: 30, episodeId: null });
    const resent = await http
      .post('/institutions/u-sup-1/supplies/masks/receipts')
      .set(bearer(staff1))
      .send({ quantity: 2400, receiptId: 'RK-0001' })
      .expect(201);
    expect(resent.body).toMatchObject({ stock: 3600, daysOfCover: 30 });
    await count('u-sup-1', 'masks', 4800, 120).expect(200);

    const [clear] = await recorder.waitForCount(topic, 1, SupplyShortageClearedV1.type);
    expect(clear.key).toBe('u-sup-1');
    expect(clear.headers.ce_type).toBe('cn.gov.civilaffairs.institution.supply-shortage-cleared.v1');
    expect(clear.json).toEqual({
      unitId: 'u-sup-1',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      episodeId: 'u-sup-1:masks:1',
      item: 'masks',
      daysOfCover: 30,
      floorDays: 30,
      clearedAt: '2026-03-05T03:00:00.000Z',
    });

    clock.set('2026-03-06T03:00:00Z');
    const again = await count('u-sup-1', 'masks', 100, 120, staff1).expect(200);
    expect(again.body).toMatchObject({ status: 'short', daysOfCover: 0, episodeId: 'u-sup-1:masks:2' });
    await app.get(OutboxRelay).flush();
    // episode 2 is published after everything written before it (same key, same partition)
    await waitFor('episode 2 on Kafka', () => detected().find((m) => m.json.episodeId === 'u-sup-1:masks:2'));
    expect(detected().map((m) => m.json.episodeId)).toEqual(['u-sup-1:masks:1', 'u-sup-1:masks:2']);
    expect(cleared().map((m) => m.json.episodeId)).toEqual(['u-sup-1:masks:1']);
    // the shortage episodes' events only (these counts also drop stock without recorded use: SupplyStockUnaccounted, tested on its own)
    const episodeEvents = recorder.of(topic).filter((m) => m.headers.ce_type !== SupplyStockUnaccountedV1.type);
    expect(new Set(episodeEvents.map((m) => m.headers.ce_id)).size).toBe(3);
  });

  it('treats dailyUse 0 as unlimited cover, never a shortage', async () => {
    const res = await count('u-sup-1', 'disinfectant', 0, 0, staff1).expect(200);
    expect(res.body).toMatchObject({ status: 'ok', daysOfCover: null, unlimitedCover: true, episodeId: null });
  });

  it('answers 400 naming the field, and 409 for a receipt before any count', async () => {
    const negative = await count('u-sup-1', 'goggles', -1, 5).expect(400);
    expect(negative.body.fields).toEqual([{ field: 'stock', reasons: ['cannot be negative'] }]);
    const blank = await http.put('/institutions/u-sup-1/supplies/goggles').set(bearer(countyOfficer)).send({ stock: 10 }).expect(400);
    expect(blank.body.fields.map((f: { field: string }) => f.field)).toEqual(['dailyUse']);
    const item = await count('u-sup-1', 'helmets', 10, 1).expect(400);
    expect(item.body).toMatchObject({ error: 'UnknownSupplyItem', details: { field: 'item' } });
    const noReceiptId = await http
      .post('/institutions/u-sup-1/supplies/masks/receipts')
      .set(bearer(countyOfficer))
      .send({ quantity: 5 })
      .expect(400);
    expect(noReceiptId.body.fields.map((f: { field: string }) => f.field)).toEqual(['receiptId']);
    const first = await http
      .post('/institutions/u-sup-1/supplies/goggles/receipts')
      .set(bearer(countyOfficer))
      .send({ quantity: 5, receiptId: 'RK-9' })
      .expect(409);
    expect(first.body).toMatchObject({ error: 'NoStockCount' });
  });

  it('answers another unit’s staff and an officer of another county as for an unknown unit (404), and 403 to unit staff asking for the region', async () => {
    const other = await count('u-sup-1', 'masks', 5000, 120, staff2).expect(404);
    expect(other.body).toMatchObject({ error: 'UnitNotFound' });
    await http.get('/institutions/u-sup-1/supplies').set(bearer(staff2)).expect(404);
    await http
      .post('/institutions/u-sup-1/supplies/masks/receipts')
      .set(bearer(staff2))
      .send({ quantity: 1, receiptId: 'RK-X' })
      .expect(404);
    await count('u-sup-far', 'masks', 0, 10).expect(404);
    await http.get('/supplies').set(bearer(staff1)).expect(403);
    await http.get('/supplies?divisionCode=330522').set(bearer(countyOfficer)).expect(403);
    await count('u-nope', 'masks', 1, 1).expect(404);
  });

  it('lists the units below 30 days inside the caller’s division, per item', async () => {
    // fixture (days of cover): u-sup-1 masks 0, goggles 29, disinfectant unlimited; u-sup-2 masks 30, drugs 25;
    // u-sup-3 (330521102) test-reagents 10; u-sup-4 nothing recorded; u-sup-far (another county) masks 0
    await count('u-sup-1', 'goggles', 290, 10).expect(200);
    await count('u-sup-2', 'masks', 3000, 100, staff2).expect(200);
    await count('u-sup-2', 'drugs', 500, 20, staff2).expect(200);
    await count('u-sup-3', 'test-reagents', 10, 1).expect(200);
    await http.put('/institutions/u-sup-far/supplies/masks').set(bearer(admin)).send({ stock: 0, dailyUse: 10 }).expect(200);

    const county = await http.get('/supplies?divisionCode=330521').set(bearer(countyOfficer)).expect(200);
    expect(county.body).toMatchObject({ divisionCode: '330521', item: null, floorDays: 30, unitsInRegion: 4, unitsShort: 3 });
    expect(
      county.body.short.map((u: { unitId: string; items: { item: string; daysOfCover: number }[] }) => [
        u.unitId,
        u.items.map((i) => `${i.item}:${i.daysOfCover}`),
      ]),
    ).toEqual([
      ['u-sup-1', ['masks:0', 'goggles:29']],
      ['u-sup-2', ['drugs:25']],
      ['u-sup-3', ['test-reagents:10']],
    ]);
    expect(county.body.short[1]).toMatchObject({ name: 'u-sup-2 养老院', unitType: 'elderly-care-home', divisionCode: '330521101' });

    const defaulted = await http.get('/supplies').set(bearer(countyOfficer)).expect(200);
    expect(defaulted.body.short.map((u: { unitId: string }) => u.unitId)).toEqual(['u-sup-1', 'u-sup-2', 'u-sup-3']);

    const masks = await http.get('/supplies?divisionCode=330521101&item=masks').set(bearer(countyOfficer)).expect(200);
    expect(masks.body).toMatchObject({ unitsInRegion: 3, unitsShort: 1, item: 'masks' });
    expect(masks.body.short).toEqual([
      expect.objectContaining({
        unitId: 'u-sup-1',
        items: [expect.objectContaining({ item: 'masks', stock: 100, dailyUse: 120, episodeId: 'u-sup-1:masks:2' })],
      }),
    ]);
    // masks never counted at u-sup-4: shown as stale, not as short
    expect(masks.body.stale).toEqual([
      expect.objectContaining({ unitId: 'u-sup-4', maxAgeDays: 7, items: [{ item: 'masks', updatedAt: null, ageDays: null }] }),
    ]);

    const province = await http.get('/supplies?item=masks').set(bearer(admin)).expect(200);
    expect(province.body.short.map((u: { unitId: string }) => u.unitId)).toEqual(['u-sup-1', 'u-sup-far']);

    const badItem = await http.get('/supplies?item=helmets').set(bearer(countyOfficer)).expect(400);
    expect(badItem.body.details).toEqual({ field: 'item' });
  });

  it('shows a unit’s items, and figures not updated for longer than the region allows as stale', async () => {
    const now = await http.get('/institutions/u-sup-2/supplies').set(bearer(staff2)).expect(200);
    expect(now.body).toMatchObject({ unitId: 'u-sup-2', floorDays: 30, maxAgeDays: 7, shortItems: ['drugs'] });
    expect(now.body.items).toHaveLength(7);
    expect(now.body.items.find((i: { item: string }) => i.item === 'masks')).toMatchObject({
      status: 'ok',
      daysOfCover: 30,
      stale: false,
      ageDays: 0,
    });
    expect(now.body.items.find((i: { item: string }) => i.item === 'goggles')).toMatchObject({ status: 'not-recorded', stale: true });

    // 330521102 allows 14 days; elsewhere the default 7 applies
    await http
      .put('/regional-settings/supply-update-max-age-days')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521102', value: 14 })
      .expect(200);
    clock.set('2026-03-14T03:00:00Z'); // 8 Beijing days after the counts of 6 March
    const later = await http.get('/institutions/u-sup-2/supplies').set(bearer(staff2)).expect(200);
    expect(later.body.items.find((i: { item: string }) => i.item === 'masks')).toMatchObject({ stale: true, ageDays: 8 });
    expect(later.body.staleItems).toHaveLength(7);

    const reagents = await http.get('/supplies?divisionCode=330521&item=test-reagents').set(bearer(countyOfficer)).expect(200);
    expect(reagents.body.stale.map((u: { unitId: string; maxAgeDays: number }) => [u.unitId, u.maxAgeDays])).toEqual([
      ['u-sup-1', 7],
      ['u-sup-2', 7],
      ['u-sup-4', 7],
    ]);
    expect(reagents.body.short.map((u: { unitId: string }) => u.unitId)).toEqual(['u-sup-3']); // still short: staleness changes no episode
  });
});
