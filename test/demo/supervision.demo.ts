import { admin, attempt, call, city, county, demoIdNumber, IM, noted, province, SR, SV, township, waitUntil } from './demo-http';
import { feverReading, residentOfToday } from './institution-monitoring.demo';

/**
 * Supervision's side of the demo's bad day in 德清县: every signal of the day ends in a case on its
 * ladder (short ladders, so escalations show within minutes), an application left untouched for
 * five days (应救未救 risk) among them.
 */

const XINSHI = '330521102';
const minutes = (...m: (number | undefined)[]) => m;

/** Demo ladders: each first rung holds a case for a minute or two, so the climb shows while you watch. */
const SHORT_LADDERS = {
  'symptom-case': { rungs: minutes(2, 5, undefined), levels: ['county', 'city', 'province'], reportAtOnceTo: 'province' },
  'supply-shortage': { rungs: minutes(2, 5, undefined), levels: ['township', 'county', 'city'] },
  'vaccination-below-floor': { rungs: minutes(3, 10, undefined), levels: ['county', 'city', 'province'] },
  'capacity-strained': { rungs: minutes(2, 5, undefined), levels: ['county', 'city', 'province'] },
  'application-overdue': { rungs: minutes(1, 3, 10, undefined), levels: ['township', 'county', 'city', 'province'] },
} as const;

export async function setDemoLadders(): Promise<void> {
  for (const [caseType, l] of Object.entries(SHORT_LADDERS)) {
    const rungs = l.levels.map((level, i) => (l.rungs[i] === undefined ? { level } : { level, minutesToResolve: l.rungs[i] }));
    await call('PUT', `${SV}/escalation-ladders/${caseType}`, province, {
      rungs,
      ...('reportAtOnceTo' in l ? { reportAtOnceTo: l.reportAtOnceTo } : {}),
    });
  }
  console.log(`demo: short ladders for ${Object.keys(SHORT_LADDERS).join(', ')} (first rung 1–3 min)`);
  // a unit still silent when its report-missed case reaches the county answers for it (迟报 → 问责)
  await call('PUT', `${SV}/accountability-rules/report-missed`, admin, { level: 'county', trigger: 'late-reporting' });
  console.log('demo: accountability rule: a report-missed case reaching county level opens an accountability case (迟报)');
}

/**
 * A 特困 application received on paper five days ago at 新市镇 and entered only now (补录): past its
 * 3-day acceptance limit at once → ApplicationOverdue → an application-overdue case. Re-runs find
 * it again by the applicant's ID number; one accepted (or otherwise moved on) by hand since is left
 * as it is. Answers whether it is (or was) overdue.
 */
export async function overdueApplication(): Promise<boolean> {
  const cadre = township(XINSHI, 'demo-cadre-xinshi');
  const idNumber = demoIdNumber('1949-10-01', 21);
  const person = await call('POST', `${SR}/people/lookups`, county, { idNumber }, [200, 404]);
  const theirs = person?.personId
    ? (
        (await call('GET', `${SR}/applications?divisionCode=${XINSHI}&kind=extreme-poverty&limit=500`, cadre)) as {
          applicationId: string;
          applicantId: string;
          status: string;
          statusLabel: string;
          overdue?: unknown;
        }[]
      ).filter((a) => a.applicantId === person.personId)
    : [];
  const app = theirs.find((a) => a.status === 'submitted') ?? theirs[0];
  if (app && app.status !== 'submitted') {
    console.log(
      `demo: the 特困 application received 5 days ago at 新市镇 (${app.applicationId}) is ${app.status} (${app.statusLabel}) now, moved on by hand: no longer waiting to be accepted; left as it is`,
    );
    return true;
  }
  if (!app) {
    const receivedAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await call('POST', `${SR}/applications`, cadre, {
      kind: 'extreme-poverty',
      divisionCode: XINSHI,
      applicant: { name: '演示申请人', idNumber },
      receivedAt,
    });
  }
  const sweep = await call('POST', `${SR}/applications/overdue-sweeps`, admin);
  console.log(
    `demo: a 特困 application received 5 days ago at 新市镇 ${app ? '(entered on an earlier run) ' : ''}was never accepted → overdue sweep recorded ${sweep.recorded}${app && !sweep.recorded ? ' (recorded before)' : ''} (ApplicationOverdue, 应救未救 risk)`,
  );
  return true;
}

interface CaseView {
  caseId: string;
  caseType: string;
  subjectId: string;
  level: string;
  status: string;
  reportedTo?: string | null;
}

/** Waits until supervision holds a case (open or resolved) of every kind the day produced, then lists them. */
export async function showCases(kinds: string[]): Promise<CaseView[]> {
  const cases = await waitUntil(`supervision to open ${kinds.join(', ')} cases`, async () => {
    const all = (await call('GET', `${SV}/cases?limit=500`, county)) as CaseView[];
    return kinds.every((k) => all.some((c) => c.caseType === k)) ? all : undefined;
  });
  cases.sort((a, b) => a.caseType.localeCompare(b.caseType) || a.subjectId.localeCompare(b.subjectId));
  console.log('demo: supervision cases in 德清县:');
  for (const c of cases)
    console.log(
      `  ${c.caseType.padEnd(24)} ${c.subjectId.padEnd(28)} ${c.status.padEnd(8)} held at ${c.level}${c.reportedTo ? ` (reported to ${c.reportedTo} at once)` : ''}`,
    );
  return cases;
}

const INSPECTOR = { sub: 'demo-inspector', roles: ['inspector'], jurisdiction: '3305' } as const;
const DISCIPLINE = { sub: 'demo-discipline-officer', roles: ['discipline-officer'], jurisdiction: '330521' } as const;

/**
 * The silent unit's case reaches the county: an accountability case opens with its evidence chain;
 * the discipline officer decides. If its report-missed case was resolved first (the unit filed, or
 * someone resolved it by hand), it never climbs and no accountability case opens: said and skipped.
 */
export async function accountabilityFor(silentUnit: string): Promise<void> {
  type Found = { accountabilityCaseId: string; subject: { id: string }; status: string; evidence: unknown[] };
  const outcome = await waitUntil(
    `an accountability case for ${silentUnit} (its report-missed case climbs to county a minute after opening)`,
    async (): Promise<{ found: Found } | { resolved: CaseView[] } | undefined> => {
      const all = (await call('GET', `${SV}/accountability-cases?limit=500`, DISCIPLINE as never)) as Found[];
      const found = all.find((a) => a.subject.id === silentUnit);
      if (found) return { found };
      const cases = ((await call('GET', `${SV}/cases?caseType=report-missed&limit=1000`, county)) as CaseView[]).filter(
        (c) => c.subjectId === silentUnit,
      );
      return cases.length === 0 || cases.every((c) => c.status === 'resolved') ? { resolved: cases } : undefined;
    },
    180_000,
  );
  if ('resolved' in outcome) {
    console.log(
      outcome.resolved.length
        ? `demo: ${silentUnit}'s report-missed case was resolved (held at ${outcome.resolved.map((c) => c.level).join(', ')}) before it reached the county; no accountability case opens`
        : `demo: ${silentUnit} has no report-missed case; no accountability case opens`,
    );
    return;
  }
  const found = outcome.found;
  console.log(
    `demo: accountability case ${found.accountabilityCaseId} about ${silentUnit} (迟报), evidence chain of ${found.evidence.length} event(s) → AccountabilityCaseOpened`,
  );
  if (found.status === 'opened') {
    const decided = await attempt(
      'POST',
      `${SV}/accountability-cases/${found.accountabilityCaseId}/outcome`,
      DISCIPLINE as never,
      { outcome: 'talk', reason: '约谈机构负责人，限期补报并说明原因' },
      ['AlreadyDecided'],
    );
    if (decided.ok) console.log('demo: the discipline officer decided: 约谈 (talk) → AccountabilityOutcomeDecided');
    else noted(`accountability case ${found.accountabilityCaseId}`, decided.refusal, 'its decision stands');
  } else {
    console.log(`demo: accountability case ${found.accountabilityCaseId} is ${found.status} already`);
  }
}

interface InspectionView {
  inspectionId: string;
  unitId: string;
  status: 'scheduled' | 'in-progress' | 'completed';
  findings: { summary: string; letter: string; dueDate: string | null; issueId: string | null }[];
}

const FINDINGS = [
  { checklistCode: 'daily-reporting', summary: '当日疫情日报未报送，值班台账缺失', scope: 'isolated', harmLevel: 2 },
  { summary: '访客登记不全，未落实预约错峰探视', scope: 'pattern', harmLevel: 2 },
];

/**
 * A 四不两直 inspection of the silent unit, hidden from it until the team arrives; its finding
 * becomes an issue the unit sees as "under rectification". The round's id derives from its
 * content, so a re-run the same day finds the same inspection and takes it on from where it is.
 */
export async function inspectTheSilentUnit(silentUnit: string, today: string): Promise<void> {
  const teams = (await call('GET', `${SV}/inspection-teams`, county)) as { teamId: string; name: string }[];
  const teamId =
    teams.find((t) => t.name === '德清县第一督查组')?.teamId ??
    (
      await call('POST', `${SV}/inspection-teams`, county, {
        name: '德清县第一督查组',
        divisionCode: '330521',
        leader: { title: '县民政局副局长', rank: 'section' },
        memberTitles: ['养老服务科科长', '社会救助科科员'],
      })
    ).teamId;
  const plan = await call('POST', `${SV}/inspection-plans`, county, {
    title: '四不两直暗访（未报送日报机构）',
    mode: 'unannounced',
    teamId,
    periodStart: today,
    periodEnd: today,
    units: [{ unitId: silentUnit, scheduledDate: today }],
  });
  const inspectionId = plan.units[0].inspectionId as string;
  const url = `${SV}/inspections/${inspectionId}`;
  let inspection = (await call('GET', url, county)) as InspectionView;
  if (inspection.status === 'completed') {
    console.log(
      `demo: ${silentUnit} was inspected today already (四不两直 inspection ${inspectionId}: ${inspection.findings.map((f) => `${f.letter} due ${f.dueDate}`).join('; ') || 'no findings'})`,
    );
    return;
  }
  const STATE = ['InspectionNotInState'];
  if (inspection.status === 'scheduled') {
    console.log(
      `demo: unannounced (四不两直) inspection ${inspectionId} of ${silentUnit} planned — the unit's own users cannot see it yet`,
    );
    const started = await attempt('POST', `${url}/start`, INSPECTOR as never, {}, STATE);
    if (!started.ok) noted(`inspection ${inspectionId}`, started.refusal, 'reading it again');
  } else {
    console.log(`demo: inspection ${inspectionId} of ${silentUnit} was started on an earlier run; the team goes on`);
  }
  inspection = (await call('GET', url, county)) as InspectionView;
  if (inspection.status === 'in-progress') {
    for (const f of FINDINGS) {
      if (inspection.findings.some((x) => x.summary === f.summary)) continue;
      const r = await attempt('POST', `${url}/findings`, INSPECTOR as never, f, STATE);
      if (!r.ok) noted(`a finding at ${silentUnit}`, r.refusal);
    }
    const completed = await attempt('POST', `${url}/complete`, INSPECTOR as never, { responsibleHead: '德清县民政局局长' }, STATE);
    if (!completed.ok) noted(`completing inspection ${inspectionId}`, completed.refusal);
  }
  inspection = (await call('GET', url, county)) as InspectionView;
  if (inspection.status !== 'completed') {
    console.log(`demo: inspection ${inspectionId} of ${silentUnit} is ${inspection.status}; left as it is`);
    return;
  }
  const issues = inspection.findings.map((f) => `${f.letter} due ${f.dueDate}`);
  console.log(
    `demo: the team arrived (InspectionScheduled + InspectionStarted), found ${issues.length} issue(s) (${issues.join('; ')}) → InspectionCompleted, RectificationIssueOpened`,
  );
  if (!issues.length) return;
  const unit = await waitUntil(`institution monitoring to show ${silentUnit} under rectification`, async () => {
    const u = await call('GET', `${IM}/institutions/${silentUnit}`, county);
    return u?.supervision?.underRectification ? u : undefined;
  });
  console.log(`demo: institution monitoring shows ${unit.name ?? silentUnit} under rectification (整改中)`);
}

/** The city's directive reaches the county today: the implementing document is filed today, the status report is due tomorrow. */
export async function directiveToTheCounty(today: string): Promise<void> {
  const title = `关于进一步加强养老机构疫情防控工作的紧急通知（${today}）`;
  const existing = (await call('GET', `${SV}/directives?limit=1000`, city)) as { directiveId: string; title: string }[];
  const directive =
    existing.find((d) => d.title === title) ??
    (await call('POST', `${SV}/directives`, city, { title, issuedBy: '湖州市民政局办公室', receivedOn: today, targets: ['330521'] }));
  const filed = await attempt(
    'POST',
    `${SV}/directives/${directive.directiveId}/implementations`,
    county,
    { divisionCode: '330521', documentRef: '德民发〔2026〕1号', title: '德清县落实方案' },
    ['StepAlreadyFiled'],
  );
  console.log(
    `demo: directive ${directive.directiveId} from the city received today; 德清县 ${filed.ok ? 'filed' : 'had filed'} its implementing document (DirectiveIssued, DirectiveStepFiled); the status report is due tomorrow, or a directive-missed case opens`,
  );
}

/** The figures a leader reads at the end of the day. */
export async function showWorkload(): Promise<void> {
  const w = await call('GET', `${SV}/workload?divisionCode=330521`, county);
  const i = w.inspections;
  console.log(
    `demo: 德清县 workload — units inspected ${i.unitsInspected}/${i.unitsTotal}, rounds ${i.rounds}; issues open ${w.issues.open ?? 0}, overdue ${w.issues.overdue ?? 0}; ` +
      `cases open ${w.cases.open} (by level ${JSON.stringify(w.cases.openByLevel)}), escalations ${JSON.stringify(w.cases.escalationsInto)}; accountability ${JSON.stringify(w.accountability.byOutcome ?? {})}`,
  );
}

/**
 * Two more residents of 德清县社会福利中心 run a fever before its next report: three symptom cases
 * since the last report → supervision schedules an inspection of the centre by itself. Today's two
 * residents are found again on a re-run; a centre closed to admissions has none.
 */
export async function symptomCluster(today: string, firstFever: boolean): Promise<void> {
  const unit = 'deqing-welfare-centre';
  let fevers = 0;
  let fresh = 0;
  for (const [name, t] of [
    ['演示老人乙', 38.1],
    ['演示老人丙', 38.6],
  ] as const) {
    const found = await residentOfToday(unit, today, name, { temperatureC: 36.7 });
    if (!found) continue;
    const had = !!found.resident.symptomCases?.length;
    if (await feverReading(unit, found.resident, t, ['fever'])) {
      fevers++;
      if (!had) fresh++;
    }
  }
  const already = async () => {
    const all = (await call('GET', `${SV}/inspections?limit=500`, county)) as {
      unitId: string;
      scheduledDate: string;
      status: string;
      trigger: { rule: string; observed: number } | null;
    }[];
    return all.find((i) => i.unitId === unit && i.trigger?.rule === 'symptom-cases');
  };
  if (fevers < 2 || !firstFever) {
    const earlier = await already();
    console.log(
      `demo: ${fevers} more resident(s) of ${unit} read a fever today${firstFever ? '' : ' (and the first resident had none)'}${earlier ? `; its data-triggered inspection for ${earlier.scheduledDate} stands (${earlier.status})` : '; no data-triggered inspection'}`,
    );
    return;
  }
  console.log(
    fresh === 2
      ? `demo: two more residents of ${unit} read a fever → SymptomCaseReported ×2 (3 since its last report)`
      : `demo: two more residents of ${unit} read a fever today: ${fresh ? `${2 - fresh} on an earlier run, ${fresh} now → SymptomCaseReported` : 'both on an earlier run'}`,
  );
  const scheduled = await waitUntil(`supervision to schedule an inspection of ${unit} by itself`, already);
  console.log(
    `demo: data-triggered inspection of ${unit} for ${scheduled.scheduledDate} (rule symptom-cases, ${scheduled.trigger!.observed} cases) → InspectionScheduled`,
  );
}

/**
 * The relief station's report said less than its own records: supervision holds a 瞒报漏报
 * suspicion case for it; the county confirms it, which opens an accountability case (瞒报漏报).
 * On a re-run the confirmation stands (or a dismissal by hand is said and left).
 */
export async function suspicionFromTheReport(unitId: string): Promise<void> {
  const found = await waitUntil(`supervision to open a report-inconsistent case for ${unitId}`, async () => {
    const all = (await call('GET', `${SV}/cases?caseType=report-inconsistent&limit=500`, county)) as (CaseView & {
      caseId: string;
      resolution?: string;
      history: { note?: string }[];
    })[];
    return all.find((c) => c.subjectId === unitId);
  });
  console.log(
    `demo: ${found.history[0]?.note ?? 'report at odds with the records'} → DailyReportInconsistent → a suspicion case at ${found.level}`,
  );
  const confirmed = await attempt(
    'POST',
    `${SV}/cases/${found.caseId}/confirm`,
    county,
    { note: '经核实，救助站当日入站隔离人员未如实上报' },
    ['CaseResolved'],
  );
  if (!confirmed.ok) {
    noted(`suspicion case ${found.caseId}`, confirmed.refusal, `it was ${found.resolution ?? 'resolved'} by hand; left as it is`);
    return;
  }
  const ac = await call('GET', `${SV}/accountability-cases/${confirmed.body.accountabilityCaseId}`, admin);
  console.log(
    `demo: the county confirms it (suspicion-confirmed) → accountability case ${ac.accountabilityCaseId} for 瞒报漏报 (${ac.trigger}), evidence chain of ${ac.evidence.length} event(s)`,
  );
}
