import { admin, attempt, call, city, county, demoIdNumber, IM, noted, province, SR, staffOf, SV, township, waitUntil } from './demo-http';
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
  unitType: string;
  divisionCode: string;
  status: 'scheduled' | 'in-progress' | 'completed';
  checklist: { templateId?: string; items: { code: string; text: string }[] } | null;
  findings: {
    findingId: string;
    checklistCode: string | null;
    summary: string;
    letter: string;
    dueDate: string | null;
    issueId: string | null;
  }[];
}

const FINDINGS = [
  { checklistCode: 'daily-reporting', summary: '当日疫情日报未报送，值班台账缺失', scope: 'isolated', harmLevel: 2 },
  { summary: '访客登记不全，未落实预约错峰探视', scope: 'pattern', harmLevel: 2 },
];

/** The county's inspection team, formed on the first run. */
async function deqingTeam(): Promise<string> {
  const teams = (await call('GET', `${SV}/inspection-teams`, county)) as { teamId: string; name: string }[];
  return (
    teams.find((t) => t.name === '德清县第一督查组')?.teamId ??
    (
      await call('POST', `${SV}/inspection-teams`, county, {
        name: '德清县第一督查组',
        divisionCode: '330521',
        leader: { title: '县民政局副局长', rank: 'section' },
        memberTitles: ['养老服务科科长', '社会救助科科员'],
      })
    ).teamId
  );
}

/**
 * A 四不两直 inspection of the silent unit, hidden from it until the team arrives; its finding
 * becomes an issue the unit sees as "under rectification". The round's id derives from its
 * content, so a re-run the same day finds the same inspection and takes it on from where it is.
 */
export async function inspectTheSilentUnit(silentUnit: string, today: string): Promise<InspectionView | undefined> {
  const teamId = await deqingTeam();
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
    return inspection;
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
    return undefined;
  }
  const issues = inspection.findings.map((f) => `${f.letter} due ${f.dueDate}`);
  console.log(
    `demo: the team arrived (InspectionScheduled + InspectionStarted), found ${issues.length} issue(s) (${issues.join('; ')}) → InspectionCompleted, RectificationIssueOpened`,
  );
  if (!issues.length) return inspection;
  const unit = await waitUntil(`institution monitoring to show ${silentUnit} under rectification`, async () => {
    const u = await call('GET', `${IM}/institutions/${silentUnit}`, county);
    return u?.supervision?.underRectification ? u : undefined;
  });
  console.log(`demo: institution monitoring shows ${unit.name ?? silentUnit} under rectification (整改中)`);
  return inspection;
}

interface CampaignView {
  campaignId: string;
  unitTypeLabel: string;
  checklistCode: string | null;
  checklistText: string | null;
  severity: string;
  dueDate: string;
  coverage: { sent: number; reported: number; missed: number; outstanding: number };
  tasks: { unitId: string; state: string; stateLabel: string; outcome: string | null; outcomeLabel: string | null }[];
}

/** The peer that reports back in the demo; the others are left for the missed sweep. */
const REPORTING_PEER = 'deqing-welfare-centre';

/**
 * 举一反三 after the silent unit's inspection: the county sends a self-inspection task (自查自纠) on
 * its confirmed finding to every peer of the same type in 德清县; one peer reports back, the others
 * are left for the missed sweep (after the due day, SelfInspectionMissed and a case on the unit).
 * A finding sends once, so a re-run finds the same campaign and only reports what is not reported.
 */
export async function selfInspectionsAfter(inspection: InspectionView | undefined): Promise<void> {
  if (!inspection || inspection.status !== 'completed') {
    console.log('demo: no completed inspection of the silent unit today; no 举一反三 self-inspections sent');
    return;
  }
  const finding = inspection.findings.find((f) => f.checklistCode && f.issueId);
  if (!finding) {
    console.log(
      `demo: inspection ${inspection.inspectionId} has no confirmed finding on a checklist item; no 举一反三 self-inspections sent`,
    );
    return;
  }
  const sent = await attempt<CampaignView>(
    'POST',
    `${SV}/inspections/${inspection.inspectionId}/findings/${finding.findingId}/self-inspections`,
    county,
    {},
    ['FindingNotConfirmed'],
  );
  if (!sent.ok) return noted(`举一反三 on inspection ${inspection.inspectionId}`, sent.refusal, 'no self-inspections sent');
  const campaign = sent.body;
  const peers = campaign.tasks.map((t) => t.unitId);
  console.log(
    `demo: 举一反三: finding ${finding.letter} at ${inspection.unitId} on「${campaign.checklistText ?? campaign.checklistCode}」→ self-inspection campaign ${campaign.campaignId}: tasks (自查自纠) to ${peers.length} ${campaign.unitTypeLabel} peer(s) in 德清县 (${peers.join(', ') || 'none'}), due ${campaign.dueDate}`,
  );
  const reporter = campaign.tasks.find((t) => t.unitId === REPORTING_PEER) ?? campaign.tasks[0];
  if (!reporter) return;
  if (reporter.outcome) {
    console.log(
      `demo: ${reporter.unitId} reported its self-inspection on an earlier run (${reporter.outcomeLabel}, ${reporter.stateLabel})`,
    );
  } else {
    const target = (await call('GET', `${SV}/inspection-targets/${reporter.unitId}`, county)) as { divisionCode: string };
    const reported = await attempt(
      'POST',
      `${SV}/self-inspection-campaigns/${campaign.campaignId}/tasks/${reporter.unitId}/report`,
      staffOf(reporter.unitId, target.divisionCode),
      { outcome: 'rectified', note: '对照日报制度自查，补齐值班台账，指定专人每日按时报送' },
      ['AlreadyReported'],
    );
    if (reported.ok) console.log(`demo: ${reporter.unitId} reported back: 已自查整改 (rectified) → SelfInspectionReported`);
    else noted(`${reporter.unitId}'s self-inspection`, reported.refusal);
  }
  const now = (await call('GET', `${SV}/self-inspection-campaigns/${campaign.campaignId}`, county)) as CampaignView;
  const open = now.tasks.filter((t) => !t.outcome);
  const c = now.coverage;
  console.log(
    `demo: campaign ${now.campaignId}: sent ${c.sent}, reported ${c.reported}, missed ${c.missed}, outstanding ${c.outstanding}` +
      (open.length
        ? `; left for the missed sweep: ${open.map((t) => `${t.unitId} (${t.stateLabel})`).join(', ')} — unreported after ${now.dueDate}, each is published once as SelfInspectionMissed and opens a self-inspection-missed case`
        : ''),
  );
}

const FIRE_SAFETY_FAILS = 'disinfectant-storage';

/**
 * A 福彩 sales point of 武康街道 registered as an inspection target and inspected with the combined
 * fire-safety and epidemic checklist (消防安全与疫情防控结合): one item fails and becomes a finding
 * with its rectification issue. Registering and planning again the same day find the same
 * target and round; a re-run goes on from where the visit is.
 */
export async function fireSafetyAtTheLotteryOutlet(today: string): Promise<void> {
  const outlet = (await call('POST', `${SV}/inspection-targets`, county, {
    kind: 'lottery-outlet',
    divisionCode: '330521101',
    addressLabel: '武康街道福彩销售网点',
  })) as { targetId: string; unitTypeLabel: string; name: string };
  const plan = await call('POST', `${SV}/inspection-plans`, county, {
    title: '消防安全与疫情防控结合检查（福彩销售网点）',
    mode: 'announced',
    teamId: await deqingTeam(),
    checklist: 'fire-safety-epidemic',
    periodStart: today,
    periodEnd: today,
    units: [{ unitId: outlet.targetId, scheduledDate: today }],
  });
  const inspectionId = plan.units[0].inspectionId as string;
  const url = `${SV}/inspections/${inspectionId}`;
  const STATE = ['InspectionNotInState'];
  let inspection = (await call('GET', url, county)) as InspectionView;
  if (inspection.status === 'completed') {
    console.log(
      `demo: ${outlet.name} (${outlet.unitTypeLabel} ${outlet.targetId}) had its combined fire-safety + epidemic inspection ${inspectionId} today already (${inspection.findings.map((f) => `${f.letter} due ${f.dueDate}`).join('; ') || 'no findings'})`,
    );
    return;
  }
  if (inspection.status === 'scheduled') {
    const started = await attempt('POST', `${url}/start`, INSPECTOR as never, {}, STATE);
    if (!started.ok) noted(`inspection ${inspectionId}`, started.refusal, 'reading it again');
  }
  inspection = (await call('GET', url, county)) as InspectionView;
  if (inspection.status === 'in-progress') {
    const items = inspection.checklist?.items ?? [];
    const results = items.map((i) => ({
      code: i.code,
      outcome: i.code === FIRE_SAFETY_FAILS ? 'fail' : 'pass',
      ...(i.code === FIRE_SAFETY_FAILS ? { note: '酒精消毒液堆放在收银台电源插座旁' } : {}),
    }));
    if (results.length) {
      const r = await attempt('POST', `${url}/checklist-results`, INSPECTOR as never, { results }, STATE);
      if (!r.ok) noted(`results at ${outlet.targetId}`, r.refusal);
    }
    const summary = '酒精等易燃消毒用品未远离火源存放';
    if (items.some((i) => i.code === FIRE_SAFETY_FAILS) && !inspection.findings.some((f) => f.summary === summary)) {
      const f = await attempt(
        'POST',
        `${url}/findings`,
        INSPECTOR as never,
        { checklistCode: FIRE_SAFETY_FAILS, summary, scope: 'isolated', harmLevel: 2 },
        STATE,
      );
      if (!f.ok) noted(`a finding at ${outlet.targetId}`, f.refusal);
    }
    const completed = await attempt('POST', `${url}/complete`, INSPECTOR as never, { responsibleHead: '德清县民政局局长' }, STATE);
    if (!completed.ok) noted(`completing inspection ${inspectionId}`, completed.refusal);
  }
  inspection = (await call('GET', url, county)) as InspectionView;
  console.log(
    `demo: ${outlet.name} (${outlet.unitTypeLabel} ${outlet.targetId}) inspected with the combined fire-safety + epidemic checklist (消防安全与疫情防控结合, ${inspection.checklist?.items.length ?? 0} items): ${inspection.status}, ${inspection.findings.map((f) => `${f.letter} due ${f.dueDate}`).join('; ') || 'no findings'}${inspection.findings.length ? ' → RectificationIssueOpened' : ''}`,
  );
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
