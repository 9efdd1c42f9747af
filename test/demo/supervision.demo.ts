import { admin, call, county, demoIdNumber, province, SR, SV, township, waitUntil } from './demo-http';

/**
 * Supervision's side of the demo's bad day in 德清县: every signal of the day ends in a case on its
 * ladder (short ladders, so escalations show within minutes), an application left untouched for
 * five days (应救未救 risk) among them.
 */

const XINSHI = '330521102';
const minutes = (...m: (number | undefined)[]) => m;

/** Demo ladders: each first rung holds a case for a minute or two, so the climb shows while you watch. */
const SHORT_LADDERS = {
  'symptom-case': { rungs: minutes(2, 5, undefined), levels: ['county', 'city', 'province'], reportAtOnceTo: 'city' },
  'supply-shortage': { rungs: minutes(2, 5, undefined), levels: ['township', 'county', 'city'] },
  'vaccination-below-floor': { rungs: minutes(3, 10, undefined), levels: ['county', 'city', 'province'] },
  'capacity-strained': { rungs: minutes(2, 5, undefined), levels: ['county', 'city', 'province'] },
  'application-overdue': { rungs: minutes(1, 3, 10, undefined), levels: ['township', 'county', 'city', 'province'] },
} as const;

export async function setDemoLadders(): Promise<void> {
  for (const [caseType, l] of Object.entries(SHORT_LADDERS)) {
    const rungs = l.levels.map((level, i) => (l.rungs[i] === undefined ? { level } : { level, minutesToResolve: l.rungs[i] }));
    await call('PUT', `${SV}/escalation-ladders/${caseType}`, province, { rungs, ...('reportAtOnceTo' in l ? { reportAtOnceTo: l.reportAtOnceTo } : {}) });
  }
  console.log(`demo: short ladders for ${Object.keys(SHORT_LADDERS).join(', ')} (first rung 1–3 min)`);
}

/**
 * A 特困 application received on paper five days ago at 新市镇 and entered only now (补录): past its
 * 3-day acceptance limit at once → ApplicationOverdue → an application-overdue case. Re-runs reuse it.
 */
export async function overdueApplication(): Promise<void> {
  const cadre = township(XINSHI, 'demo-cadre-xinshi');
  const already = (await call('GET', `${SR}/applications?divisionCode=${XINSHI}&overdue=true`, cadre)) as unknown[];
  if (already.length === 0) {
    const receivedAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await call('POST', `${SR}/applications`, cadre, { kind: 'extreme-poverty', divisionCode: XINSHI, applicant: { name: '演示申请人', idNumber: demoIdNumber('1949-10-01', 21) }, receivedAt });
  }
  const sweep = await call('POST', `${SR}/applications/overdue-sweeps`, admin);
  console.log(`demo: a 特困 application received 5 days ago at 新市镇 was never accepted → overdue sweep recorded ${sweep.recorded} (ApplicationOverdue, 应救未救 risk)`);
}

interface CaseView {
  caseId: string;
  caseType: string;
  subjectId: string;
  level: string;
  status: string;
  reportedTo?: string | null;
}

/** Waits until supervision holds a case of every kind the day produced, then lists them. */
export async function showCases(kinds: string[]): Promise<CaseView[]> {
  const cases = await waitUntil(`supervision to open ${kinds.join(', ')} cases`, async () => {
    const all = (await call('GET', `${SV}/cases?limit=500`, county)) as CaseView[];
    return kinds.every((k) => all.some((c) => c.caseType === k)) ? all : undefined;
  });
  console.log('demo: supervision cases in 德清县:');
  for (const c of cases) console.log(`  ${c.caseType.padEnd(24)} ${c.subjectId.padEnd(28)} ${c.status.padEnd(8)} held at ${c.level}${c.reportedTo ? ` (reported to ${c.reportedTo} at once)` : ''}`);
  return cases;
}
