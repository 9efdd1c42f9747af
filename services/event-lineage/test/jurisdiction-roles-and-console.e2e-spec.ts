import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { bearer, createRunTopics, isolatedRun, waitFor } from '@civil/testing';
import request from 'supertest';
import { missedRecord, publisherOf, startLineage } from './support';

/**
 * Who sees what: an analyst sees the events whose region lies in its jurisdiction and nothing of
 * another county's (an event, a flow asked for by id is answered 404 as unknown, lists leave it
 * out); events without a region only the national level; every query is audited; bad input is
 * 400 naming the field; the console is served at /console/ with the single-page fallback.
 */
describe('event-lineage jurisdiction, roles and console', () => {
  const run = isolatedRun('lin-scope');
  const { publisher } = publisherOf(run);
  const deqing = { sub: 'analyst-deqing', roles: ['analyst' as const], jurisdiction: '330521' };
  const yuexiu = { sub: 'analyst-yuexiu', roles: ['analyst' as const], jurisdiction: '440104' };
  const national = { sub: 'analyst-national', roles: ['analyst' as const], jurisdiction: '00' };
  const operator = { sub: 'operator-zj', roles: ['operator' as const], jurisdiction: '33' };
  const nationalOperator = { sub: 'operator-national', roles: ['operator' as const], jurisdiction: '00' };
  const officer = { sub: 'officer', roles: ['county-officer' as const], jurisdiction: '330521' };
  const consoleDir = mkdtempSync(join(tmpdir(), 'lineage-console-'));
  let app: INestApplication;

  beforeAll(async () => {
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>lineage console</title>');
    writeFileSync(join(consoleDir, 'assets', 'app.js'), 'console.log("app")');
    await createRunTopics(run);
    app = await startLineage(run, {
      LINEAGE_CONSOLE_DIR: consoleDir,
      LINEAGE_ZIPKIN_TRACE_URL: 'http://127.0.0.1:9411/zipkin/traces/{traceId}',
    });
    await publisher.publish([
      missedRecord('dq-1', '2026-03-02', '330521101', { correlationId: 'flow-deqing' }),
      missedRecord('yx-1', '2026-03-02', '440104001', { correlationId: 'flow-yuexiu' }),
    ]);
    await publisher.sendRaw(`${run.topicPrefix}institution-monitoring.daily-report.v1`, [
      { key: 'nowhere', value: '{}', headers: { ce_id: 'no-region-1' } },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await publisher.disconnect();
  });

  it('shows an analyst its own county only; another county is answered as unknown', async () => {
    const http = request(app.getHttpServer());
    const yx = await waitFor('the Yuexiu flow stored', async () => {
      const body = (await http.get('/api/flows/flow-yuexiu').set(bearer(yuexiu))).body;
      return body.events?.length === 1 ? body.events[0] : undefined;
    });
    await waitFor('the Deqing flow stored', async () => (await http.get('/api/flows/flow-deqing').set(bearer(deqing))).status === 200);

    // another county's analyst: the same 404 an unknown id gets, never 403 naming the region
    const flow = await http.get('/api/flows/flow-yuexiu').set(bearer(deqing)).expect(404);
    const unknownFlow = await http.get('/api/flows/no-such-flow').set(bearer(deqing)).expect(404);
    expect(Object.keys(flow.body).sort()).toEqual(Object.keys(unknownFlow.body).sort());
    await http.get(`/api/events/${yx.eventId}`).set(bearer(deqing)).expect(404);
    const listed = (await http.get('/api/events').query({ correlationId: 'flow-yuexiu' }).set(bearer(deqing)).expect(200)).body;
    expect(listed.items).toEqual([]);
    const window = (await http.get('/api/events').query({ from: '2020-01-01T00:00:00Z' }).set(bearer(deqing)).expect(200)).body;
    expect(window.items.map((e: any) => e.region)).toEqual(['330521101']);
    const flows = (await http.get('/api/flows').query({ type: yx.type }).set(bearer(deqing)).expect(200)).body;
    expect(flows.items.map((f: any) => f.correlationId)).toEqual(['flow-deqing']);

    // no region: the national level only
    await waitFor(
      'the record without a region stored',
      async () => (await http.get('/api/events/no-region-1').set(bearer(national))).status === 200,
    );
    await http.get('/api/events/no-region-1').set(bearer(operator)).expect(404);
    const all = (await http.get('/api/events').query({ from: '2000-01-01T00:00:00Z' }).set(bearer(national)).expect(200)).body;
    expect(all.items.length).toBe(3);
  });

  it('refuses other roles and bad input, and audits every query', async () => {
    const http = request(app.getHttpServer());
    await http.get('/api/events').query({ correlationId: 'x' }).expect(401);
    await http.get('/api/events').query({ correlationId: 'x' }).set(bearer(officer)).expect(403);
    const noFilter = await http.get('/api/events').set(bearer(deqing)).expect(400);
    expect(JSON.stringify(noFilter.body)).toMatch(/correlationId/);
    const tooMany = await http.get('/api/events').query({ correlationId: 'x', limit: 501 }).set(bearer(deqing)).expect(400);
    expect(tooMany.body.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
    const badFrom = await http.get('/api/events').query({ from: 'yesterday' }).set(bearer(deqing)).expect(400);
    expect(badFrom.body.fields).toEqual([expect.objectContaining({ field: 'from' })]);
    const badMinutes = await http.get('/api/topology').query({ minutes: 0 }).set(bearer(deqing)).expect(400);
    expect(badMinutes.body.fields).toEqual([expect.objectContaining({ field: 'minutes' })]);

    await http.get('/api/audit').set(bearer(deqing)).expect(403);
    const audit = (await http.get('/api/audit').query({ limit: 500 }).set(bearer(nationalOperator)).expect(200)).body.items;
    const byDeqing = audit.filter((a: any) => a.sub === 'analyst-deqing');
    expect(byDeqing.length).toBeGreaterThanOrEqual(5);
    expect(byDeqing.every((a: any) => a.action === 'query' && a.at && a.detail.path)).toBe(true);
    expect(byDeqing.some((a: any) => a.detail.correlationId === 'flow-yuexiu')).toBe(true);
    // a province's operator sees the audit of its province, not the national analyst's
    const zj = (await http.get('/api/audit').query({ limit: 500 }).set(bearer(operator)).expect(200)).body.items;
    expect(zj.some((a: any) => a.sub === 'analyst-deqing')).toBe(true);
    expect(zj.some((a: any) => a.sub === 'analyst-national')).toBe(false);
    expect(audit.some((a: any) => a.sub === 'analyst-national')).toBe(true);
  });

  it('shows the topology of the contracts and of what was seen', async () => {
    const http = request(app.getHttpServer());
    const { topics, lag } = (await http.get('/api/topology').query({ minutes: 60 }).set(bearer(deqing)).expect(200)).body;
    const reports = topics.find((t: any) => t.topic === 'institution-monitoring.daily-report.v1');
    expect(reports).toMatchObject({ source: 'both', publishers: ['institution-monitoring'] });
    expect(reports.perMinute.reduce((n: number, m: any) => n + m.count, 0)).toBe(1); // Deqing's only
    expect(topics.find((t: any) => t.topic === 'supervision.case.v1')).toMatchObject({ source: 'contract' });
    await waitFor('the lineage group committed', async () => {
      const l = (await http.get('/api/topology').set(bearer(deqing)).expect(200)).body.lag;
      return l.some(
        (x: any) =>
          x.groupId === 'event-lineage' && x.topic === 'institution-monitoring.daily-report.v1' && x.lag === 0 && x.highWatermark > 0,
      );
    });
    expect(Array.isArray(lag)).toBe(true);
  });

  it('serves the console with its single-page fallback, and its public config', async () => {
    const http = request(app.getHttpServer());
    const root = await http.get('/').expect(302);
    expect(root.headers.location).toBe('/console/');
    expect((await http.get('/console/').expect(200)).text).toMatch(/lineage console/);
    expect((await http.get('/console/flows/abc').expect(200)).text).toMatch(/lineage console/);
    expect((await http.get('/console/assets/app.js').expect(200)).text).toMatch(/console.log/);
    expect((await http.get('/api/config').expect(200)).body).toEqual({ zipkinTraceUrl: 'http://127.0.0.1:9411/zipkin/traces/{traceId}' });
    const openApi = (await http.get('/docs-json').expect(200)).body;
    expect(Object.keys(openApi.paths)).toEqual(
      expect.arrayContaining(['/api/events', '/api/flows/{correlationId}', '/api/dead-letters/replay']),
    );
  });
});
