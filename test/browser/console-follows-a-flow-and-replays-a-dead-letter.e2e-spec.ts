import { tracing, zipkinUrl } from './start-tracing';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { createApp as createLineage, EventLineageConfig } from '@civil/event-lineage';
import { SettableClock, SystemClock } from '@civil/kernel';
import { createEvent, createKafka, TopicNames, toKafkaRecord } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { bearer, isolatedRun, kafkaBrokers, serviceEnv, tokenFor, waitFor } from '@civil/testing';
import { Browser, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { BothServices, startBothServices } from '../e2e/both-services';

const ROOT = resolve(__dirname, '..', '..');
const CONSOLE_DIR = join(ROOT, 'dist/services/event-lineage/console');
/** The committed screenshots are rewritten only on request; otherwise they go to an ignored folder. */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, '.local/test-screens');

/**
 * An operator follows a missed report through the console: the ReportMissed of institution
 * monitoring and the CaseOpened supervision answers it with, in causal order, in one flow found by
 * its correlation id; the trace behind it in Zipkin; and a ReportMissed that supervision
 * dead-lettered for an invalid payload, replayed with the payload repaired, and the case it opens.
 * Real Kafka, database, Zipkin and Chromium; institution monitoring, supervision and event-lineage
 * run in this process.
 */
describe('the event-lineage console in a browser', () => {
  const run = isolatedRun('browser-console');
  const names = new TopicNames(run.topicPrefix);
  const clock = new SettableClock('2026-03-02T00:30:00Z');
  const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };
  const operator = { sub: 'browser-operator', roles: ['operator' as const], jurisdiction: '33' };
  const traceId = randomBytes(16).toString('hex');
  let system: BothServices | undefined;
  let lineage: INestApplication | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    // npm run build (and so test/run-all.sh) builds the console; a lone run of this file builds it here
    if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
      execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--config', 'services/event-lineage/console/vite.config.mts'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
    mkdirSync(SHOTS, { recursive: true });
    system = await startBothServices(run, clock);
    lineage = await createLineage(
      loadConfig(
        EventLineageConfig,
        serviceEnv(run, 'event-lineage', {
          LINEAGE_CONSOLE_DIR: CONSOLE_DIR,
          LINEAGE_ZIPKIN_TRACE_URL: `${zipkinUrl}/zipkin/traces/{traceId}`,
        }),
      ),
      new SystemClock(),
    );
    await lineage.listen(0, '127.0.0.1');
    base = await lineage.getUrl();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(30_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await lineage?.close();
    await system?.stop();
    await tracing.shutdown();
  });

  const lineageApi = () => request(lineage!.getHttpServer());

  it('follows a missed report into its case, opens its trace, and replays a repaired dead letter into a case (seed 004 每日零报告: a missed report opens a case)', async () => {
    const { monitoring, recorder } = system!;
    const reportTopic = names.physical(DailyReportTopic.name);

    // a unit that misses its report: ReportMissed → CaseOpened
    const im = request(monitoring.getHttpServer());
    await im
      .post('/institutions')
      .set(bearer(admin))
      .send({
        unitId: 'browser-unit',
        name: '德清县控制台养老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 10,
        bedsInUse: 8,
      })
      .expect(201);
    clock.set('2026-03-02T02:00:30Z');
    await im.post('/daily-reports/deadline-sweeps').set(bearer(admin)).set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`).expect(201);
    const [missed] = await recorder.waitForCount(reportTopic, 1, ReportMissedV1.type);
    await recorder.waitForCount(system!.caseTopic, 1, CaseOpenedV1.type);
    const correlationId = missed.headers.ce_correlationid!;
    expect(correlationId).toBeTruthy();

    // a ReportMissed whose payload lacks its unit type: supervision dead-letters it as schema-invalid
    const goodData = {
      reportId: 'browser-unit-dlq:2026-03-03',
      unitId: 'browser-unit-dlq',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      reportDate: '2026-03-03',
      deadline: '2026-03-03T02:00:00.000Z',
      detectedAt: '2026-03-03T02:00:05.000Z',
    };
    const broken = createEvent(ReportMissedV1, goodData, { time: new Date('2026-03-03T02:00:05Z') });
    const record = toKafkaRecord(broken, names.physical(DailyReportTopic.name), goodData.unitId);
    const { unitType: _dropped, ...withoutType } = goodData;
    const producer = createKafka({ brokers: kafkaBrokers(), clientId: 'browser-broken' }).producer();
    await producer.connect();
    await producer.send({
      topic: record.topic,
      messages: [{ key: record.key, value: JSON.stringify(withoutType), headers: record.headers }],
    });
    await producer.disconnect();

    // event-lineage has stored the flow and the dead letter
    await waitFor(
      'the flow with its CaseOpened in event-lineage',
      async () => {
        const res = await lineageApi()
          .get(`/api/flows/${encodeURIComponent(correlationId)}`)
          .set(bearer(operator));
        return res.status === 200 && res.body.events.some((e: { type: string }) => e.type === CaseOpenedV1.type);
      },
      60_000,
      250,
    );
    const deadLetterId = await waitFor(
      'the broken ReportMissed among the dead letters',
      async () => {
        const res = await lineageApi().get('/api/dead-letters').set(bearer(operator));
        return res.body.items?.find((d: { eventId?: string }) => d.eventId === broken.id)?.id as string | undefined;
      },
      60_000,
      250,
    );

    // sign in
    await page.goto(`${base}/`); // redirects to /console/
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.fill('[data-testid=token-input]', tokenFor(operator));
    await page.waitForSelector('[data-testid=token-preview]');
    await page.click('[data-testid=sign-in-submit]');
    expect(await page.textContent('[data-testid=who-sub]')).toBe('browser-operator');
    expect(await page.textContent('[data-testid=who-roles]')).toContain('operator');
    expect(await page.textContent('[data-testid=who-jurisdiction]')).toContain('33');

    // find the flow by its correlation id
    await page.fill('[data-testid=search-correlationId]', correlationId);
    await page.click('[data-testid=search-submit]');
    await page.waitForSelector(`[data-testid=flow-row][data-correlation-id="${correlationId}"]`);
    await page.screenshot({ path: join(SHOTS, 'event-lineage-search.png') });
    await page.click(`[data-testid=flow-row][data-correlation-id="${correlationId}"] [data-testid=flow-link]`);
    await page.waitForSelector('[data-testid=causation-graph][data-ready=true]');
    const timeline = await page.$$eval('[data-testid=timeline-event]', (items) =>
      items.map((i) => ({
        type: i.getAttribute('data-type'),
        service: i.getAttribute('data-service'),
        id: i.getAttribute('data-event-id'),
      })),
    );
    const missedAt = timeline.findIndex((e) => e.type === ReportMissedV1.type && e.service === 'institution-monitoring');
    const openedAt = timeline.findIndex((e) => e.type === CaseOpenedV1.type && e.service === 'supervision');
    expect(missedAt).toBeGreaterThanOrEqual(0);
    expect(openedAt).toBeGreaterThan(missedAt); // cause before effect
    expect(await page.$$eval('[data-testid=flow-service]', (s) => s.map((x) => x.textContent))).toEqual(
      expect.arrayContaining(['institution-monitoring', 'supervision']),
    );
    expect(Number(await page.getAttribute('[data-testid=causation-graph]', 'data-edges'))).toBeGreaterThanOrEqual(1);

    // open CaseOpened: its payload, headers and trace link
    await page.click(`[data-testid=timeline-event][data-event-id="${timeline[openedAt].id}"] [data-testid=timeline-open]`);
    await page.waitForSelector(`[data-testid=event-detail][data-event-id="${timeline[openedAt].id}"]`);
    expect(await page.textContent('[data-testid=event-payload]')).toContain('browser-unit');
    expect(await page.textContent('[data-testid=event-headers]')).toContain(correlationId);
    const href = await page.getAttribute('[data-testid=trace-link]', 'href');
    expect(href).toBe(`${zipkinUrl}/zipkin/traces/${traceId}`);
    await page.screenshot({ path: join(SHOTS, 'event-lineage-flow.png'), fullPage: true });

    // the trace behind the link: the request, ReportMissed's publish, supervision's receive and its publish
    const spans = await waitFor(
      'the trace in Zipkin with supervision’s publish',
      async () => {
        await tracing.flush();
        const res = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
        if (res.status !== 200) return undefined;
        const found = (await res.json()) as { kind?: string; name: string }[];
        return found.some((s) => s.kind === 'PRODUCER' && s.name.includes('case')) ? found : undefined;
      },
      30_000,
      250,
    );
    expect(spans.map((s) => s.kind)).toEqual(expect.arrayContaining(['SERVER', 'PRODUCER', 'CONSUMER']));
    const zipkinPage = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    await zipkinPage.goto(href!);
    await zipkinPage.waitForSelector(`text=${reportTopic.toLowerCase()} publish`, { timeout: 30_000 });
    await zipkinPage.screenshot({ path: join(SHOTS, 'event-lineage-zipkin-trace.png') });
    await zipkinPage.close();

    // topology
    await page.click('[data-testid=nav-topology]');
    await page.waitForSelector('[data-testid=topology-graph][data-ready=true]');
    await page.waitForSelector('[data-testid=per-minute-chart][data-ready=true]');
    await page.waitForSelector('[data-testid=lag-row]');
    await page.screenshot({ path: join(SHOTS, 'event-lineage-topology.png'), fullPage: true });

    // the dead letter: its reason names the missing field; replay it with the payload repaired
    await page.click('[data-testid=nav-dead-letters]');
    const row = `[data-testid=dead-letter-row][data-id="${deadLetterId}"]`;
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} .reason`)).toContain('unitType');
    await page.click(`${row} [data-testid=dead-letter-open]`);
    await page.waitForSelector(`[data-testid=dead-letter-detail][data-id="${deadLetterId}"]`);
    await page.check(`${row} [data-testid=dead-letter-check]`);
    await page.fill('[data-testid=replay-reason]', '补全机构类型 unitType restored');
    await page.check('[data-testid=replay-repair]');
    await page.fill('[data-testid=replay-payload]', JSON.stringify(goodData, null, 2));
    await page.screenshot({ path: join(SHOTS, 'event-lineage-dead-letters.png'), fullPage: true });
    await page.click('[data-testid=replay-submit]');
    await page.waitForSelector('[data-testid=replay-result] [data-testid=replayed-item]');
    // its effect: supervision opens the case the broken report could not
    await page.waitForSelector(
      `[data-testid=dead-letter-detail][data-id="${deadLetterId}"] [data-testid=caused-event][data-type="${CaseOpenedV1.type}"]`,
      {
        timeout: 60_000,
      },
    );
    await page.waitForSelector('[data-testid=dead-letter-replay]');
    await page.screenshot({ path: join(SHOTS, 'event-lineage-replay-effect.png'), fullPage: true });
    const opened = await recorder.waitForCount(system!.caseTopic, 2, CaseOpenedV1.type);
    expect(opened.map((m) => m.headers.ce_subject ?? m.key)).toHaveLength(2);
    expect(opened[1].value).toContain('browser-unit-dlq');
  }, 240_000);
});
