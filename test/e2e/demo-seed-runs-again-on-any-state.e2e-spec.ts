import { INestApplication } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { createApp as createFuneralOperations, FuneralOperationsConfig } from '@civil/funeral-operations';
import { createApp as createInstitutionMonitoring, InstitutionMonitoringConfig } from '@civil/institution-monitoring';
import { loadConfig } from '@civil/platform';
import { createApp as createSocialRelief, SocialReliefConfig } from '@civil/social-relief';
import { createApp as createSupervision, SupervisionConfig } from '@civil/supervision';
import { createRunTopics, isolatedRun, serviceEnv, TEST_AUDIENCE, TEST_ISSUER } from '@civil/testing';

type DemoHttp = typeof import('../demo/demo-http');
type Seed = typeof import('../demo/seed-demo');

/**
 * The demo seed on the four real services (their own topics and databases), first on a registry
 * someone started by hand (the welfare centre registered and closed), then again the same day
 * after changes by hand — today's closure order lifted, the centre reopened, a case resolved, an
 * application moved on, a funeral case released, the ceremony suspension lifted — finishes every
 * time and goes on from what it finds. (The deadline part, which waits for the minute to turn and
 * a case to climb, is left out here; the steps before and after it all run.)
 */
describe('the demo seed runs again on whatever the services hold', () => {
  const run = isolatedRun('e2e-demo-seed');
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const apps: INestApplication[] = [];
  let http: DemoHttp;
  let seed: Seed;
  let lines: string[] = [];
  let log: jest.SpyInstance;

  const seedOnce = async () => {
    lines = [];
    await seed.seedDemo({ deadline: false });
    return lines;
  };

  beforeAll(async () => {
    await createRunTopics(run);
    const env = (service: string) => serviceEnv(run, service, { JWT_PUBLIC_KEY: keys.publicKey });
    const started = await Promise.all([
      createInstitutionMonitoring(loadConfig(InstitutionMonitoringConfig, env('institution-monitoring'))),
      createSocialRelief(loadConfig(SocialReliefConfig, env('social-relief'))),
      createFuneralOperations(loadConfig(FuneralOperationsConfig, env('funeral-operations'))),
      createSupervision(loadConfig(SupervisionConfig, env('supervision'))),
    ]);
    apps.push(...started);
    const urls = await Promise.all(
      started.map(async (app) => (await app.listen(0, '127.0.0.1'), (await app.getUrl()).replace('[::1]', '127.0.0.1'))),
    );
    [
      process.env.INSTITUTION_MONITORING_URL,
      process.env.SOCIAL_RELIEF_URL,
      process.env.FUNERAL_OPERATIONS_URL,
      process.env.SUPERVISION_URL,
    ] = urls;
    http = await import('../demo/demo-http');
    http.useSigningKey(keys.privateKey, { issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
    seed = await import('../demo/seed-demo');
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  }, 60_000);

  afterAll(async () => {
    log?.mockRestore();
    for (const app of apps) await app.close();
  });

  it('finishes, then finishes again after the closure order was lifted and other things were changed by hand', async () => {
    const { IM, SR, FO, SV, call, county, province, township } = http;
    const me = { sub: 'me', roles: ['county-officer' as const], jurisdiction: '330521' };
    const { UNITS } = await import('../demo/institution-monitoring.demo');
    await call(
      'POST',
      `${IM}/institutions`,
      me,
      UNITS.find((u) => u.unitId === 'deqing-welfare-centre'),
    );
    await call('POST', `${IM}/institutions/deqing-welfare-centre/closures`, me, { orderId: 'close-by-hand', reason: '院内排查，暂停收住' });

    const first = await seedOnce();
    expect(first).toContainEqual(expect.stringContaining('deqing-welfare-centre is closed (closure order close-by-hand)'));
    expect(first).toContainEqual(expect.stringContaining('deqing-welfare-centre admits nobody now: UnitClosed'));
    const today = first.find((l) => l.includes('units in 德清县'))!.match(/for (\d{4}-\d{2}-\d{2})/)![1];
    const orderId = `deqing-qianyuan-closure-${today}`;
    // 特困 is the county's decision (seed 003 篇八): 分散供养 at home, 集中供养 in the 敬老院 the registry holds
    expect(first).toContainEqual(expect.stringMatching(/孙长根.*now approved/));
    expect(first).toContainEqual(expect.stringMatching(/周阿福.*now approved/));
    // a child left without care: placed (in the child welfare home, or with an entrusted carer), ended, followed up
    expect(first).toContainEqual(expect.stringMatching(/陆小禾.*(ChildPlacementAdmitted|委托照料)/));
    expect(first).toContainEqual(expect.stringContaining("the follow-up visit is recorded on 陆小禾's list entry"));
    expect(first).toContainEqual(expect.stringContaining(`closure order ${orderId} for 乾元镇 (330521103): closed qianyuan-care-home`));
    // 举一反三 after the silent unit's inspection: its same-type peers of the county get tasks, one reports, the others are left
    expect(first).toContainEqual(
      expect.stringMatching(
        /举一反三: finding \w at qianyuan-care-home .* tasks \(自查自纠\) to 3 养老机构 peer\(s\) in 德清县 \(deqing-welfare-centre, moganshan-care-home, wukang-care-home\)/,
      ),
    );
    expect(first).toContainEqual(
      expect.stringContaining('deqing-welfare-centre reported back: 已自查整改 (rectified) → SelfInspectionReported'),
    );
    expect(first).toContainEqual(
      expect.stringMatching(/sent 3, reported 1, missed 0, outstanding 2; left for the missed sweep: moganshan-care-home/),
    );
    expect(first).toContainEqual(
      expect.stringMatching(
        /武康街道福彩销售网点 \(福彩销售网点 lo-.*\) inspected with the combined fire-safety \+ epidemic checklist .*6 items\): completed, \w due/,
      ),
    );

    const deqingStaff = { sub: 'me-at-the-home', roles: ['unit-staff' as const], jurisdiction: '330521', unitId: 'deqing-funeral-home' };
    // by hand: the order lifted, the centre reopened, a case resolved, the lone elder's application accepted, a body released, ceremonies allowed again
    await call('POST', `${IM}/closure-orders/${orderId}/lift`, me, { reopenOrderId: 'reopen-by-hand' });
    await call('POST', `${IM}/institutions/deqing-welfare-centre/reopenings`, me, { reopenOrderId: 'reopen-by-hand' });
    const shortage = ((await call('GET', `${SV}/cases?status=open&limit=500`, county)) as { caseId: string; caseType: string }[]).find(
      (c) => c.caseType === 'supply-shortage',
    )!;
    await call('POST', `${SV}/cases/${shortage.caseId}/resolve`, province, { note: '已紧急调拨口罩' });
    const apps = (await call('GET', `${SR}/applications?divisionCode=330521101&kind=extreme-poverty`, county)) as {
      applicationId: string;
      status: string;
    }[];
    const lone = apps.find((a) => a.status === 'submitted')!;
    await call('POST', `${SR}/applications/${lone.applicationId}/acceptance`, township('330521101', 'me'));
    const stored = (
      (await call('GET', `${FO}/funeral-cases?homeId=deqing-funeral-home&status=stored`, deqingStaff)) as { caseId: string }[]
    )[0];
    await call('POST', `${FO}/funeral-cases/${stored.caseId}/cremation-booking`, deqingStaff, {});
    await call('POST', `${FO}/funeral-cases/${stored.caseId}/cremation`, deqingStaff, {
      operatorStaffId: 'dq-operator-1',
      startedAt: new Date(Date.now() - 3_600_000),
      endedAt: new Date(Date.now() - 60_000),
    });
    await call('POST', `${FO}/funeral-cases/${stored.caseId}/release`, deqingStaff, {
      receiver: { name: '演示家属', phone: '13800001111' },
      relation: '儿子',
    });
    await call('POST', `${FO}/ceremony-suspension-orders/cso-330521-demo/lift`, me, {});

    const second = await seedOnce();
    expect(second).toContainEqual(expect.stringContaining(`closure order ${orderId} was lifted at`));
    expect(second).toContainEqual(expect.stringContaining("陆小禾's care placement is 已回访 (followed-up) already"));
    expect(second).toContainEqual(
      expect.stringContaining(`closure order ${orderId}-2 for 乾元镇 (330521103): closed qianyuan-care-home → InstitutionClosed`),
    );
    expect(second).toContainEqual(expect.stringMatching(/deqing-welfare-centre read 38.3 °C → isolated, SymptomCaseReported/));
    expect(second).toContainEqual(expect.stringMatching(/何根宝.*now accepted.*moved on by hand; left as it is/));
    expect(second).toContainEqual(expect.stringMatching(/cold-storage slot \d/));
    expect(second).toContainEqual(expect.stringContaining('farewell booking at deqing-funeral-home'));
    expect((await call('GET', `${IM}/institutions/qianyuan-care-home`, county)).closure.orderId).toBe(`${orderId}-2`);
    expect((await call('GET', `${SR}/applications/${lone.applicationId}`, county)).status).toBe('accepted');

    // and once more with nothing changed: everything is found as it was left
    const third = await seedOnce();
    expect(third).toContainEqual(expect.stringContaining(`closure order ${orderId}-2 for 乾元镇 (330521103) has been in force since`));
    expect(third).toContainEqual(expect.stringContaining('was booked on an earlier run'));
    expect(third).toContainEqual(expect.stringContaining('deqing-welfare-centre reported its self-inspection on an earlier run'));
    expect(third).toContainEqual(expect.stringMatching(/sent 3, reported 1, missed 0, outstanding 2/));
    expect(third).toContainEqual(expect.stringContaining('had its combined fire-safety + epidemic inspection'));
  }, 240_000);
});
