import { shanghaiDate } from '@civil/kernel';
import { admin, attempt, call, county, county2, demoIdNumber, MintTokenClaims, noted, SR, township, waitUntil } from './demo-http';

/**
 * Demo data of social relief (社会救助) in Deqing county (德清县 330521) for a newcomer:
 * 乾元镇 at medium risk; 武康街道's key-person list (an empty-nest elder visited, a left-behind
 * child with a risk flag, a 散居特困 person, a severely disabled person) and its overdue sweep;
 * three households assessed (低保 / 低保边缘 / 支出型); relief applications in every state, with
 * 先行救助 and 一事一议, decided under maker-checker (cadre A enters, cadre B accepts and
 * reviews, a second county officer decides), 特困 decided by the county with its 供养方式 (分散供养 at
 * home, 集中供养 in 新市镇敬老院) — the list entry alone puts nobody on a register; and a 300-yuan
 * consumption-voucher round for the 低保, 低保边缘, 支出型 and 特困 registers that pays nobody twice;
 * and the county's service hotlines (12349, 社会救助服务热线, 心理援助热线): calls routed to a visit
 * and a referral and answered, a crisis call left open for the overdue sweep, the day's figures;
 * a donation of rice received by the county, allocated in parts to 新市镇敬老院 and the assessed
 * households and delivered, with its public disclosure (公示); a social worker of 武康街道 visiting
 * a key person, counted apart from the cadres' visits;
 * low-income monitoring (低收入人口动态监测): this month's data comparison imported (again: nothing
 * new), one warning checked at home starting a 临时救助 application, and the yearly campaign
 * (集中排查) making a check task per household on a register, with its coverage per township;
 * and a child left without care (无人监护) while the father is isolated: the care placement asks the
 * county's child welfare home (or, refused, an entrusted carer takes the child), ends when he is back,
 * and closes with the follow-up visit.
 *
 * Re-runnable the same day and later: everything is found again by ID number (people, list
 * entries, households, each applicant's application) and only what is missing is done. An
 * application someone moved on by hand (accepted, decided, withdrawn) is left where it is.
 */
const WUKANG = '330521101';
const cadreA = township(WUKANG, 'demo-cadre-a'); // enters (申请)
const cadreB = township(WUKANG, 'demo-cadre-b'); // accepts and reviews (受理, 审核)
const decider = county2; // decides (认定): neither the one who entered nor the one who reviewed

const yuan = (fen: number) => `${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} yuan`;

export async function socialReliefDemo(today: string): Promise<void> {
  await waitUntil(`${SR} to be ready`, async () => ((await fetch(`${SR}/health/ready`)).ok ? true : undefined));
  await areaRisk();
  await keyPersons();
  await careOfAChildWithoutGuardian();
  const households = await assessHouseholds();
  await applications(households);
  await rechecks(households, today);
  await benefitRound(today);
  await hotlines(today);
  await donations(today, households);
  await volunteerVisit(today);
  await lowIncomeMonitoring(households, today);
}

/** 4b. The 低保 household's periodic re-check (定期核查): its schedule, and today's re-check (once a day). */
async function rechecks(households: AssessedHousehold[], today: string): Promise<void> {
  const dibao = households.find((h) => h.plan.kind === 'dibao')!;
  const url = `${SR}/households/${dibao.householdId}/rechecks`;
  const before = await call('GET', url, cadreA);
  if (!before.schedule) {
    console.log(`demo: ${dibao.plan.label} is ${before.status}: no re-check schedule (on no register)`);
    return;
  }
  const done = (before.schedule.records as { checkedOn: string }[]).some((r) => r.checkedOn === today);
  const r = done
    ? undefined
    : await attempt('POST', url, cadreA, { outcome: 'unchanged', recheckClass: 'B', findings: '入户核查：收入和人口无变化（演示）' }, [
        'NotEnrolled',
        'ExitPending',
      ]);
  const after = await call('GET', url, cadreA);
  console.log(
    `demo: ${dibao.plan.label}: 定期核查 ${done ? 'already recorded today' : r?.ok ? 'recorded by cadre A (→ RecheckRecorded)' : 'not recorded'}; ${after.schedule.recheckClassLabel}, next due ${after.schedule.dueOn} (grace to ${after.graceEndsOn}); a missed one → RecheckMissed → supervision case 低保家庭定期核查逾期`,
  );
}

/** 1. 乾元镇 at medium risk: simplified reviews, tighter visit cadences there. */
async function areaRisk(): Promise<void> {
  const set = await attempt(
    'PUT',
    `${SR}/area-risk-levels/330521103`,
    county,
    { level: 'medium', reason: '德清县疫情防控指挥部通告（演示）：乾元镇调整为中风险地区' },
    ['LevelUnchanged'],
  );
  const now = await call('GET', `${SR}/area-risk-levels?divisionCode=330521103`, county);
  console.log(
    !set.ok
      ? `demo: 乾元镇 (330521103) was at ${now.level} risk (${now.label}) already; nothing changed`
      : `demo: 乾元镇 (330521103) set to ${now.level} risk (${now.label}) → AreaRiskLevelChanged; reviews there may be simplified and visits come at most every 2 days`,
  );
}

interface Entry {
  entryId: string;
  categoryLabels: string[];
  flags: { flag: string; label: string }[];
  lastVisitAt: string | null;
  visitStateLabel: string | null;
  person: { registerLabels: string[] } | null;
}

/** Adds a person to 武康街道's list, or finds their entry if they are on it already. */
async function listEntry(body: Record<string, unknown>): Promise<{ entry: Entry; added: boolean }> {
  const r = await attempt('POST', `${SR}/key-person-lists/${WUKANG}/entries`, cadreA, body, ['AlreadyOnList']);
  if (r.ok) return { entry: r.body.entry, added: true };
  return { entry: await call('GET', `${SR}/key-person-lists/${WUKANG}/entries/${r.refusal.details!.entryId}`, cadreA), added: false };
}

/** 2. 武康街道's key-person list (重点人群清单): four people, a visit, a risk flag, the overdue sweep. */
async function keyPersons(): Promise<void> {
  const people = [
    {
      name: '沈桂英',
      idNumber: demoIdNumber('1941-03-12', 502),
      categories: ['empty-nest-elderly'],
      contact: { name: '沈建国', phone: '13900000502', relation: '儿子（在杭州工作）' },
      notes: '独居，患高血压，需定期确认用药',
    },
    {
      name: '钱小宇',
      idNumber: demoIdNumber('2015-06-01', 503),
      categories: ['left-behind-child'],
      riskFlags: ['inadequate-guardianship'],
      finding: '父母均在外省务工，由年迈祖母照看，祖母近期住院，放学后无人看护',
      guardian: { name: '钱秀兰', phone: '13900000503', relation: '祖母' },
    },
    {
      name: '孙长根',
      idNumber: demoIdNumber('1952-09-20', 505),
      categories: ['dispersed-extreme-poverty'],
      notes: '无劳动能力、无生活来源、无法定赡养人，分散供养',
    },
    {
      name: '李明华',
      idNumber: demoIdNumber('1979-11-05', 507),
      categories: ['severely-disabled'],
      contact: { name: '李桂芳', phone: '13900000507', relation: '母亲' },
    },
  ];
  const entries: Entry[] = [];
  for (const p of people) {
    const { entry, added } = await listEntry(p);
    entries.push(entry);
    const extra = entry.person?.registerLabels.length ? `; on the ${entry.person.registerLabels.join(', ')} register` : '';
    console.log(
      `demo: ${p.name} (${entry.categoryLabels.join('、')}) ${added ? 'added to' : 'is already on'} 武康街道's key-person list${entry.flags.length ? `, flags: ${entry.flags.map((f) => f.label).join('、')}` : ''}${extra}`,
    );
  }

  // the left-behind child's flag stays raised across runs; raise it again only if someone cleared it
  const child = entries[1];
  if (!child.flags.some((f) => f.flag === 'inadequate-guardianship')) {
    const raised = await attempt(
      'POST',
      `${SR}/key-person-lists/${WUKANG}/entries/${child.entryId}/flags`,
      cadreA,
      { flag: 'inadequate-guardianship', finding: '祖母住院，放学后无人看护' },
      ['FlagAlreadyRaised', 'EntryClosed'],
    );
    if (raised.ok) console.log("demo: 钱小宇's 监护不到位 flag raised again → RiskFlagRaised");
    else noted("钱小宇's 监护不到位 flag", raised.refusal);
  }

  const elder = entries[0];
  if (!elder.lastVisitAt) {
    const v = await attempt(
      'POST',
      `${SR}/key-person-lists/${WUKANG}/entries/${elder.entryId}/visits`,
      cadreA,
      { mode: 'home-visit', findings: '入户探访：老人精神尚好，血压药充足，已检查燃气灶和门锁' },
      ['EntryClosed'],
    );
    if (v.ok)
      console.log(
        `demo: cadre A visited 沈桂英 at home (探访关爱); next visit due ${new Date(v.body.entry.nextVisitDueAt).toISOString().slice(0, 10)}`,
      );
    else noted('a visit to 沈桂英', v.refusal, 'no visit recorded');
  } else {
    console.log(`demo: 沈桂英 was last visited ${String(elder.lastVisitAt).slice(0, 10)} (${elder.visitStateLabel})`);
  }

  const sweep = await call('POST', `${SR}/key-person-lists/overdue-sweeps`, admin);
  const overdue = await call('GET', `${SR}/key-person-lists/${WUKANG}/entries?overdue=true`, cadreA);
  console.log(
    `demo: overdue-visit sweep checked ${sweep.checked} entries county-wide: ${sweep.overdue} overdue, ${sweep.opened} newly reported (VisitOverdue); 武康街道 has ${overdue.count} overdue now` +
      (overdue.count ? '' : ' (entries added today are not due for 7–14 days; run the demo again next week to see some)'),
  );
}

interface HouseholdPlan {
  label: string;
  kind: 'dibao' | 'near-dibao' | 'expenditure-poverty';
  members: { name: string; idNumber: string; relation: string; canWork: boolean; flags?: string[] }[];
  incomes: { kind: string; monthlyFen: number; verifiable: boolean; memberIndex?: number }[];
  expenses: { kind: string; monthlyFen: number; memberIndex?: number }[];
}

const HOUSEHOLDS: HouseholdPlan[] = [
  {
    label: '陈国强家',
    kind: 'dibao',
    members: [
      { name: '陈国强', idNumber: demoIdNumber('1954-04-18', 511), relation: 'head', canWork: false },
      { name: '王美芳', idNumber: demoIdNumber('1957-08-02', 512), relation: 'spouse', canWork: false, flags: ['seriously-ill'] },
      { name: '陈思远', idNumber: demoIdNumber('2014-02-09', 513), relation: 'grandchild', canWork: false },
    ],
    incomes: [
      { kind: 'agriculture', monthlyFen: 90_000, verifiable: true, memberIndex: 0 },
      { kind: 'basic-old-age-pension', monthlyFen: 19_000, verifiable: true, memberIndex: 0 },
      { kind: 'basic-old-age-pension', monthlyFen: 19_000, verifiable: true, memberIndex: 1 },
    ],
    expenses: [{ kind: 'serious-illness', monthlyFen: 60_000, memberIndex: 1 }],
  },
  {
    label: '吴建平家',
    kind: 'near-dibao',
    members: [
      { name: '吴建平', idNumber: demoIdNumber('1980-05-21', 515), relation: 'head', canWork: true },
      { name: '周丽娟', idNumber: demoIdNumber('1982-10-14', 516), relation: 'spouse', canWork: false, flags: ['severely-disabled'] },
    ],
    incomes: [
      { kind: 'wages', monthlyFen: 150_000, verifiable: false, memberIndex: 0 },
      { kind: 'disability-care-subsidy', monthlyFen: 10_000, verifiable: true, memberIndex: 1 },
    ],
    expenses: [{ kind: 'severe-disability', monthlyFen: 30_000, memberIndex: 1 }],
  },
  {
    label: '张伟家',
    kind: 'expenditure-poverty',
    members: [
      { name: '张伟', idNumber: demoIdNumber('1975-03-30', 517), relation: 'head', canWork: true },
      { name: '徐芳', idNumber: demoIdNumber('1977-07-07', 518), relation: 'spouse', canWork: true },
      { name: '张晨', idNumber: demoIdNumber('2008-12-01', 519), relation: 'child', canWork: false, flags: ['seriously-ill'] },
    ],
    incomes: [
      { kind: 'wages', monthlyFen: 380_000, verifiable: true, memberIndex: 0 },
      { kind: 'wages', monthlyFen: 200_000, verifiable: true, memberIndex: 1 },
    ],
    expenses: [{ kind: 'serious-illness', monthlyFen: 350_000, memberIndex: 2 }],
  },
];

interface AssessedHousehold {
  plan: HouseholdPlan;
  householdId: string;
  headId: string;
  category: string;
  monthlyBenefitFen: number;
}

/** The person holding this ID number (registered if new). */
async function personId(name: string, idNumber: string, who: MintTokenClaims = cadreA): Promise<string> {
  return (await call('POST', `${SR}/people`, who, { name, idNumber, divisionCode: WUKANG }, [200, 201])).person.personId;
}

/** 3. Households: registered once (found again by the head's ID number), assessed every run. */
async function assessHouseholds(): Promise<AssessedHousehold[]> {
  const out: AssessedHousehold[] = [];
  const existing = (await call('GET', `${SR}/households?limit=500`, cadreA)) as {
    householdId: string;
    status: string;
    members: { personId: string }[];
  }[];
  for (const plan of HOUSEHOLDS) {
    const head = plan.members[0];
    const headId = await personId(head.name, head.idNumber);
    const theirs = existing.filter((h) => h.members.some((m) => m.personId === headId));
    let householdId = (theirs.find((h) => h.status !== 'exited') ?? theirs[0])?.householdId;
    if (!householdId) {
      householdId = (
        await call('POST', `${SR}/households`, cadreA, {
          divisionCode: WUKANG,
          members: plan.members,
          incomes: plan.incomes,
          expenses: plan.expenses,
        })
      ).householdId as string;
      const notes = [
        plan.incomes.some((i) => i.kind === 'basic-old-age-pension' || i.kind.startsWith('disability-'))
          ? 'an income that is not counted'
          : null,
        plan.incomes.some((i) => !i.verifiable) ? 'an unverifiable income (counted as the minimum wage)' : null,
        plan.expenses.length ? 'a rigid expense' : null,
      ].filter(Boolean);
      console.log(
        `demo: household ${plan.label} registered in 武康街道 with ${plan.members.length} members${notes.length ? `, ${notes.join(', ')}` : ''}`,
      );
    }
    const { assessment: a } = await call('POST', `${SR}/households/${householdId}/assessments`, cadreA);
    console.log(
      `demo: ${plan.label} assessed → ${a.categoryLabel} (${a.category}): counted income ${yuan(a.incomePerMemberFen)} per member a month` +
        (a.excludedIncomeFen ? `, ${yuan(a.excludedIncomeFen)} not counted` : '') +
        (a.imputedEarners?.length
          ? `, ${a.imputedEarners.length} unverifiable income counted at the minimum wage (${yuan(a.minimumWageFen)})`
          : '') +
        (a.rigidExpensesFen
          ? `, ${yuan(a.incomeAfterRigidExpensesPerMemberFen)} per member after ${yuan(a.rigidExpensesFen)} of rigid expenses`
          : '') +
        `; standard ${yuan(a.standardFen)}` +
        (a.category === 'dibao' ? `; 低保 benefit ${yuan(a.monthlyBenefitFen)} a month` : '') +
        (a.singlePersonDibao?.length
          ? `; ${a.singlePersonDibao.length} member(s) may enter 低保 as a single-person household (单人户, ${yuan(a.singlePersonDibao[0].monthlyBenefitFen)} a month)`
          : ''),
    );
    out.push({ plan, householdId, headId, category: a.category, monthlyBenefitFen: a.monthlyBenefitFen });
  }
  return out;
}

type Status = 'submitted' | 'accepted' | 'reviewed' | 'approved' | 'rejected' | 'disbursed' | 'withdrawn';

interface Case {
  what: string;
  target: Status;
  submit: Record<string, unknown>;
  applicantId: string;
  approveFen?: number;
  rationale?: string;
  ineligible?: string;
  withdrawReason?: string;
  /** 特困: the 供养方式 the county decides (集中供养 with the institution). */
  support?: { supportMode: 'concentrated' | 'dispersed'; institutionId?: string };
}

interface App {
  applicationId: string;
  kind: string;
  kindLabel: string;
  applicantId: string;
  householdId: string | null;
  status: Status;
  statusLabel: string;
  flagLabels: string[];
  priorPayment: { amountFen: number } | null;
  decision: { amountFen: number } | null;
  disbursement: { amountFen: number } | null;
}

/** The statuses on the way to each target, in order, from a new application. */
const PATHS: Record<Status, Status[]> = {
  submitted: ['submitted'],
  accepted: ['submitted', 'accepted'],
  reviewed: ['submitted', 'accepted', 'reviewed'],
  approved: ['submitted', 'accepted', 'reviewed', 'approved'],
  disbursed: ['submitted', 'accepted', 'reviewed', 'approved', 'disbursed'],
  rejected: ['submitted', 'accepted', 'reviewed', 'rejected'],
  withdrawn: ['submitted', 'withdrawn'],
};

/** Refusals meaning the application is not where it was read: moved on meanwhile, or decided otherwise by hand. */
const MOVED_ON = ['TransitionNotAllowed', 'ReviewFoundIneligible', 'MakerChecker'];

/** Moves an application one step towards its target, each step by the right person. */
async function step(a: App, c: Case) {
  const url = `${SR}/applications/${a.applicationId}`;
  switch (c.target === 'withdrawn' ? 'withdraw' : a.status) {
    case 'withdraw':
      return attempt<App>('POST', `${url}/withdrawal`, cadreA, { reason: c.withdrawReason }, MOVED_ON);
    case 'submitted':
      return attempt<App>('POST', `${url}/acceptance`, cadreB, undefined, MOVED_ON);
    case 'accepted':
      return attempt<App>(
        'POST',
        `${url}/review`,
        cadreB,
        c.ineligible
          ? { outcome: 'ineligible', homeVisit: true, incomeVerified: true, reason: c.ineligible }
          : { outcome: 'eligible', homeVisit: true, incomeVerified: true },
        MOVED_ON,
      );
    case 'reviewed':
      if (c.target === 'rejected')
        return attempt<App>('POST', `${url}/decision`, decider, { decision: 'rejected', reason: c.ineligible }, MOVED_ON);
      return attempt<App>(
        'POST',
        `${url}/decision`,
        decider,
        {
          decision: 'approved',
          amountFen: c.approveFen,
          ...(c.rationale ? { caseByCase: true, rationale: c.rationale } : {}),
          ...(c.support ?? {}),
        },
        MOVED_ON,
      );
    default: // approved
      return attempt<App>('POST', `${url}/disbursement`, cadreA, undefined, MOVED_ON);
  }
}

/**
 * Finds this applicant's application of this kind (or enters it), then takes it to its target
 * state. One found beyond its target or off the way to it (decided otherwise, withdrawn, moved
 * on by hand) is left where it is, with a line saying so.
 */
async function runCase(c: Case): Promise<App> {
  const kind = c.submit.kind as string;
  const found = (await call('GET', `${SR}/applications?divisionCode=${WUKANG}&kind=${kind}&limit=500`, cadreA)) as App[];
  let a = found.find((x) => x.applicantId === c.applicantId);
  const isNew = !a;
  if (!a) a = (await call('POST', `${SR}/applications`, cadreA, { ...c.submit, applicantId: c.applicantId })) as App;
  const path = PATHS[c.target];
  let left: string | undefined;
  for (let n = 0; n < path.length && a.status !== c.target; n++) {
    if (!path.includes(a.status)) {
      left = `${a.status} is past or off the way to ${c.target}: moved on by hand; left as it is`;
      break;
    }
    const r = await step(a, c);
    if (!r.ok) {
      a = (await call('GET', `${SR}/applications/${a.applicationId}`, cadreA)) as App;
      left = `${r.refusal.error} (${r.refusal.message}); it is ${a.status} (${a.statusLabel}) now, left as it is`;
      break;
    }
    a = r.body;
  }
  const money = [
    a.priorPayment ? `先行救助 ${yuan(a.priorPayment.amountFen)} paid at once` : null,
    a.decision?.amountFen ? `approved ${yuan(a.decision.amountFen)}` : null,
    a.disbursement ? `发放 ${yuan(a.disbursement.amountFen)}` : null,
  ].filter(Boolean);
  console.log(
    `demo: ${c.what}: ${a.kindLabel} application ${isNew ? 'entered by cadre A' : 'found'}, now ${a.status} (${a.statusLabel})${money.length ? `; ${money.join(', ')}` : ''}${a.flagLabels.length ? ` [${a.flagLabels.join('、')}]` : ''}${left ? ` — ${left}` : ''}`,
  );
  return a;
}

/** 4. Applications in every state; the household ones put their members on the register. */
async function applications(households: AssessedHousehold[]): Promise<void> {
  console.log(
    'demo: maker-checker: cadre A (demo-cadre-a) enters applications, cadre B (demo-cadre-b) accepts and reviews, county officer 2 decides',
  );
  const byKind = (k: HouseholdPlan['kind']) => households.find((h) => h.plan.kind === k)!;
  const dibao = byKind('dibao');
  const near = byKind('near-dibao');
  const spend = byKind('expenditure-poverty');
  const applicant = async (name: string, birth: string, seq: number) => personId(name, demoIdNumber(birth, seq));

  const cases: Case[] = [
    {
      what: `${dibao.plan.label} (低保)`,
      target: 'disbursed',
      applicantId: dibao.headId,
      submit: { kind: 'dibao', divisionCode: WUKANG, householdId: dibao.householdId },
      approveFen: Math.max(dibao.monthlyBenefitFen, 1),
    },
    {
      what: `${near.plan.label} (低保边缘)`,
      target: 'approved',
      applicantId: near.headId,
      submit: { kind: 'near-dibao', divisionCode: WUKANG, householdId: near.householdId },
      approveFen: 21_000,
    },
    {
      what: `${spend.plan.label} (支出型)`,
      target: 'disbursed',
      applicantId: spend.headId,
      submit: { kind: 'expenditure-poverty', divisionCode: WUKANG, householdId: spend.householdId },
      approveFen: 85_000,
    },
    {
      what: '何根宝, a lone elder asking for 特困供养',
      target: 'submitted',
      applicantId: await applicant('何根宝', '1947-01-15', 521),
      submit: { kind: 'extreme-poverty', divisionCode: WUKANG },
    },
    {
      what: '孙长根, 散居特困 on the township list: the county decides 特困供养, 分散供养 at home (seed 003 篇八)',
      target: 'approved',
      applicantId: await applicant('孙长根', '1952-09-20', 505),
      submit: { kind: 'extreme-poverty', divisionCode: WUKANG },
      approveFen: 120_000,
      support: { supportMode: 'dispersed' },
    },
    {
      what: '周阿福, living in 新市镇敬老院: 特困供养, 集中供养 there',
      target: 'approved',
      applicantId: await applicant('周阿福', '1944-10-10', 529),
      submit: { kind: 'extreme-poverty', divisionCode: WUKANG },
      approveFen: 120_000,
      support: { supportMode: 'concentrated', institutionId: 'xinshi-jinglaoyuan' },
    },
    {
      what: '冯晓燕, whose kitchen burned',
      target: 'accepted',
      applicantId: await applicant('冯晓燕', '1990-09-09', 522),
      submit: { kind: 'temporary-relief', divisionCode: WUKANG, requestedAmountFen: 200_000 },
    },
    {
      what: '褚建军, hospitalised after a fall',
      target: 'reviewed',
      applicantId: await applicant('褚建军', '1968-06-06', 523),
      submit: { kind: 'temporary-relief', divisionCode: WUKANG, requestedAmountFen: 150_000 },
    },
    {
      what: '卫志强, income above the standard',
      target: 'rejected',
      applicantId: await applicant('卫志强', '1985-02-02', 525),
      submit: { kind: 'temporary-relief', divisionCode: WUKANG, requestedAmountFen: 100_000 },
      ineligible: 'income-above-standard',
    },
    {
      what: '蒋玉梅, who moved away',
      target: 'withdrawn',
      applicantId: await applicant('蒋玉梅', '1973-04-04', 524),
      submit: { kind: 'temporary-relief', divisionCode: WUKANG, requestedAmountFen: 80_000 },
      withdrawReason: 'moved-away',
    },
    {
      what: '韩振东, sudden serious illness (先行救助: paid first, reviewed after)',
      target: 'disbursed',
      applicantId: await applicant('韩振东', '1962-12-12', 527),
      submit: { kind: 'temporary-relief', divisionCode: WUKANG, requestedAmountFen: 300_000, priorReliefFen: 100_000 },
      approveFen: 300_000,
    },
    {
      what: '杨秋萍, house collapsed in a typhoon (一事一议, above the normal cap)',
      target: 'disbursed',
      applicantId: await applicant('杨秋萍', '1979-08-08', 526),
      submit: { kind: 'temporary-relief', divisionCode: WUKANG, requestedAmountFen: 1_200_000, caseByCase: true },
      approveFen: 1_200_000,
      rationale: '台风致房屋倒塌，家庭无力重建，经县民政局集体研究，一事一议给予一次性临时救助12000元',
    },
  ];
  for (const c of cases) await runCase(c);

  for (const h of [dibao, near, spend]) {
    const hh = await call('GET', `${SR}/households/${h.householdId}`, cadreA);
    const on = (hh.members as { registerLabels: string[] }[]).filter((m) => m.registerLabels.length).length;
    console.log(
      `demo: ${h.plan.label} is ${hh.statusLabel}${hh.enrolledCategoryLabel ? ` as ${hh.enrolledCategoryLabel}` : ''}; ${on} of ${hh.members.length} members on a relief register`,
    );
  }
}

/** 5. A 300-yuan consumption-voucher round for today's registers; running it again pays nobody twice. */
async function benefitRound(today: string): Promise<void> {
  const roundId = `voucher-demo-${today}`;
  const created = await attempt(
    'POST',
    `${SR}/benefit-rounds`,
    county,
    {
      roundId,
      kind: 'consumption-voucher',
      title: `德清县困难群众消费券（演示，${today}）`,
      amountFen: 30_000,
      registers: ['dibao', 'near-dibao', 'expenditure-poverty', 'dispersed-extreme-poverty', 'concentrated-extreme-poverty'],
      snapshotDate: today,
      divisionCode: '330521',
    },
    ['RoundExists'],
  );
  console.log(
    created.ok
      ? `demo: round ${roundId} defined: 300 yuan of consumption vouchers each for 低保, 低保边缘, 支出型 and 特困 (散居, 集中供养) members of 德清县 on ${today}`
      : `demo: round ${roundId} exists already`,
  );

  const first = await call('POST', `${SR}/benefit-rounds/${roundId}/runs?wait=true`, county);
  const round = await call('GET', `${SR}/benefit-rounds/${roundId}`, county);
  const byRegister = (round.totals.byRegister as { label: string; count: number }[]).map((r) => `${r.label} ${r.count}`).join(', ');
  console.log(
    `demo: round ${roundId} ran: ${first.issuedNow ? `${first.issuedNow} entitlements issued now (EntitlementIssued each)` : 'nothing new to issue (issued on an earlier run today)'}; in all ${round.totals.entitlements} worth ${yuan(round.totals.amountFen)} (${byRegister})`,
  );

  const again = await call('POST', `${SR}/benefit-rounds/${roundId}/runs?wait=true`, county);
  console.log(
    `demo: ran round ${roundId} again: ${again.issuedNow} more issued, still ${again.totals.entitlements} entitlements worth ${yuan(again.totals.amountFen)} — nobody is paid twice`,
  );
}

interface HotlineCallView {
  callId: string;
  summary: string | null;
  receivedAt: string;
  status: string;
}

/** 6. The county's hotlines: three calls a day (once per day however often the demo runs), routed, answered, one left for the sweep. */
async function hotlines(today: string): Promise<void> {
  const DEMO = '（演示）';
  const listed = await call('GET', `${SR}/hotlines/calls?limit=500`, county);
  const todays = (listed.calls as HotlineCallView[]).filter(
    (c) => c.summary?.includes(DEMO) && shanghaiDate(new Date(c.receivedAt)) === today,
  );
  if (todays.length) {
    console.log(`demo: the hotlines took today's ${todays.length} demo calls already; nothing recorded again`);
  } else {
    const base = { lineDivisionCode: '330521', callerDivisionCode: WUKANG };
    const elderCall = await call('POST', `${SR}/hotlines/calls`, county, {
      ...base,
      line: 'elderly-care-12349',
      category: 'elderly-care',
      urgency: 'urgent',
      summary: `邻居反映独居老人多日未出门${DEMO}`,
      caller: { name: '邻居王女士', phone: '13800009999' },
    });
    const entries = await call('GET', `${SR}/key-person-lists/${WUKANG}/entries?category=empty-nest-elderly`, cadreA);
    const entry = (entries.entries as { entryId: string }[])[0];
    if (entry) {
      await call('POST', `${SR}/hotlines/calls/${elderCall.callId}/routing`, county, {
        target: 'key-person-visit',
        townshipCode: WUKANG,
        entryId: entry.entryId,
      });
      await call('POST', `${SR}/hotlines/calls/${elderCall.callId}/answer`, county, { reply: '已通知武康街道安排上门探访' });
      console.log(
        `demo: 12349 call (urgent, due in ${elderCall.serviceLevelMinutes} min) routed to a visit of 武康街道's empty-nest elder, then answered`,
      );
    }
    const medical = await call('POST', `${SR}/hotlines/calls`, county, {
      ...base,
      line: 'social-relief',
      category: 'medical',
      urgency: 'normal',
      summary: `咨询大病医疗费用报销${DEMO}`,
    });
    await call('POST', `${SR}/hotlines/calls/${medical.callId}/routing`, county, {
      target: 'referral',
      agency: '德清县医疗保障局',
      note: '大病医疗报销',
    });
    await call('POST', `${SR}/hotlines/calls/${medical.callId}/answer`, county, { reply: '已转介县医保局，来电人知悉' });
    console.log('demo: 社会救助服务热线 call referred to 德清县医疗保障局 and answered');
    const crisis = await call('POST', `${SR}/hotlines/calls`, county, {
      ...base,
      line: 'psychological-aid',
      category: 'psychological',
      urgency: 'crisis',
      summary: `居家隔离人员情绪焦虑${DEMO}`,
    });
    console.log(
      `demo: 心理援助热线 crisis call left open, due ${crisis.dueAt}: the overdue sweep reports it (HotlineCallOverdue) and supervision opens a hotline-call-overdue case until it is answered`,
    );
  }
  const sweep = await call('POST', `${SR}/hotlines/overdue-sweeps`, admin);
  const figures = await call('GET', `${SR}/hotlines/figures?divisionCode=330521&from=${today}&to=${today}`, county);
  for (const d of figures.days as { line: string; received: number; answeredWithinLevel: number; overdue: number }[])
    console.log(
      `demo: hotline ${d.line} on ${today}: ${d.received} received, ${d.answeredWithinLevel} answered within level, ${d.overdue} overdue`,
    );
  console.log(`demo: hotline sweep found ${sweep.found} calls past their level, ${sweep.recorded} newly reported`);
}

/** 7. A donation (社会捐赠, seed 001 全流程公开透明): received, allocated in parts, delivered, disclosed. */
async function donations(today: string, households: AssessedHousehold[]): Promise<void> {
  const listed = await call('GET', `${SR}/donations?divisionCode=330521`, county);
  let donation = (listed.items as { donationId: string; gift: { item: string | null }; receivedDay: string }[]).find(
    (d) => d.gift.item === '大米' && d.receivedDay === today,
  );
  if (!donation) {
    donation = await call('POST', `${SR}/donations`, county, {
      divisionCode: '330521',
      donorKind: 'individual',
      donorName: '陈爱心',
      giftKind: 'goods',
      item: '大米',
      unit: '袋',
      quantity: 60,
      purpose: '困难群众生活保障（演示）',
    });
    console.log(`demo: donation ${donation!.donationId} received: 60 袋 大米 from an individual (name kept encrypted) → DonationReceived`);
    const parts = [
      { recipientType: 'unit', recipientId: 'xinshi-jinglaoyuan', quantity: 30 },
      ...households.map((h) => ({ recipientType: 'household', recipientId: h.householdId, quantity: 10 })),
    ];
    for (const part of parts) {
      const r = await attempt('POST', `${SR}/donations/${donation!.donationId}/allocations`, county, part, ['AllocationExceedsDonation']);
      if (!r.ok) {
        noted(`allocating to ${part.recipientType} ${part.recipientId}`, r.refusal);
        continue;
      }
      for (const a of r.body.donation.allocations as { allocationId: string; deliveredAt: string | null }[])
        if (!a.deliveredAt) await call('POST', `${SR}/donations/${donation!.donationId}/allocations/${a.allocationId}/delivery`, county);
    }
    console.log(
      `demo: donation ${donation!.donationId} allocated in parts (never beyond the 60 received) and delivered → DonationAllocated, DonationDelivered`,
    );
  } else console.log(`demo: today's rice donation ${donation.donationId} was received already`);
  const d = await call('GET', `${SR}/donations/${donation!.donationId}`, county);
  console.log(
    `demo: donation ${d.donationId}: ${d.statusLabel}, ${d.allocated} of ${d.gift.quantity} 袋 allocated, ${d.delivered} delivered`,
  );
  const pub = (await (await fetch(`${SR}/donation-disclosures?divisionCode=330521&from=${today}&to=${today}`)).json()) as {
    donations: number;
    minimumCount: number;
    lines: { item: string | null; received: number; toHouseholds: { households: number | string } }[];
  };
  const rice = pub.lines.find((l) => l.item === '大米');
  console.log(
    `demo: public disclosure (GET /donation-disclosures, no login) for 德清县 today: ${pub.donations} donation(s); rice received ${rice?.received ?? 0} 袋, households helped ${rice?.toHouseholds.households ?? 0} (fewer than ${pub.minimumCount} shown as "<${pub.minimumCount}")`,
  );
}

/** 8. A social worker of 武康街道 (社工) visits a key person; the township's figures count it apart from the cadres' visits. */
async function volunteerVisit(today: string): Promise<void> {
  const workers = await call('GET', `${SR}/volunteers?divisionCode=${WUKANG}&kind=social-worker`, cadreA);
  const worker =
    workers.items[0] ??
    (await call('POST', `${SR}/volunteers`, cadreA, {
      kind: 'social-worker',
      name: '周晓芸',
      divisionCode: WUKANG,
      organisation: '武康街道社工站',
    }));
  const figuresUrl = `${SR}/key-person-lists/${WUKANG}/visit-figures?from=${today}&to=${today}`;
  const bySocialWorkers = (f: { byVisitorKind: { kind: string; count: number }[] }) =>
    f.byVisitorKind.find((k) => k.kind === 'social-worker')!.count;
  if (bySocialWorkers(await call('GET', figuresUrl, cadreA)) === 0) {
    const entries = (await call('GET', `${SR}/key-person-lists/${WUKANG}/entries`, cadreA)).entries as { entryId: string }[];
    if (entries.length)
      await call('POST', `${SR}/key-person-lists/${WUKANG}/entries/${entries[0].entryId}/visits`, cadreA, {
        mode: 'home-visit',
        findings: '社工上门探访，生活物资充足，情绪稳定',
        volunteerId: worker.volunteerId,
      });
  }
  const f = await call('GET', figuresUrl, cadreA);
  console.log(
    `demo: 武康街道 visits today: ${f.visits} — ${(f.byVisitorKind as { label: string; count: number }[]).map((k) => `${k.label} ${k.count}`).join(', ')} (social worker ${worker.nameMasked} registered, name encrypted)`,
  );
}

/**
 * 9. Low-income dynamic monitoring (低收入人口动态监测, seed 003 篇八): this month's comparison with the
 * medical-insurance and human-resources data imported as warnings, graded (一级/二级/三级) with their
 * home-check limits; 武康街道 checks the medical one at home and starts a 临时救助 application; the
 * overdue sweep; and this year's campaign over the register roll, with its coverage.
 */
async function lowIncomeMonitoring(households: AssessedHousehold[], today: string): Promise<void> {
  const month = today.slice(0, 7);
  const [first, second] = households;
  const records = [
    {
      source: 'medical-insurance',
      sourceRecordId: `demo-mi-${month}-0001`,
      kind: 'medical-expense',
      divisionCode: WUKANG,
      householdId: first.householdId,
      comparedOn: month,
    },
    {
      source: 'human-resources',
      sourceRecordId: `demo-hr-${month}-0001`,
      kind: 'unemployment',
      divisionCode: WUKANG,
      personId: second.headId,
      comparedOn: month,
    },
  ];
  const imported = await call('POST', `${SR}/low-income-warnings/imports`, county, { records });
  console.log(
    `demo: monthly data comparison ${month}: ${imported.imported} warning(s) imported, ${imported.alreadyImported} already there — ` +
      (imported.results as { sourceRecordId: string; level: number; dueAt: string }[])
        .map((r) => `${r.sourceRecordId} level ${r.level}, home check due ${r.dueAt}`)
        .join('; '),
  );
  const medical = await call('GET', `${SR}/low-income-warnings/${imported.results[0].warningId}`, cadreA);
  if (medical.status === 'pending') {
    const checked = await call('POST', `${SR}/low-income-warnings/${medical.warningId}/check`, cadreA, {
      finding: 'needs-assistance',
      note: '入户核查（演示）：家庭成员住院，医疗支出大，基本生活暂时困难',
      application: { kind: 'temporary-relief', applicantId: first.headId, requestedAmountFen: 200_000 },
    });
    console.log(
      `demo: ${first.plan.label}'s ${medical.kindLabel} warning (${medical.levelLabel}) checked at home → ${checked.check.findingLabel}: application ${checked.check.applicationId} (LowIncomeWarningChecked)`,
    );
  } else {
    console.log(`demo: ${first.plan.label}'s ${medical.kindLabel} warning was checked already (${medical.check?.findingLabel})`);
  }
  const swept = await call('POST', `${SR}/low-income-warnings/overdue-sweeps`, admin);
  console.log(
    `demo: low-income warning sweep: ${swept.signalled} newly overdue (LowIncomeWarningOverdue → a 应救未救 case in supervision)`,
  );

  const year = Number(today.slice(0, 4));
  const campaignId = `campaign-330521-${year}`;
  await call('POST', `${SR}/low-income-campaigns`, county, { campaignId, year, divisionCode: '330521' });
  const c = await call('POST', `${SR}/low-income-campaigns/${campaignId}/runs`, county);
  const townships = (c.coverage.townships as { townshipCode: string; due: number; checked: number; overdue: number }[])
    .map((t) => `${t.townshipCode} ${t.checked}/${t.due} checked, ${t.overdue} overdue`)
    .join('; ');
  console.log(
    `demo: yearly campaign ${campaignId} (每年一次集中排查) ${c.statusLabel}: ${c.tasksCreated} household check task(s) from the register roll; coverage ${c.coverage.checked}/${c.coverage.due} checked${townships ? ` (${townships})` : ''}`,
  );
}

interface PlacementView {
  placementId: string;
  status: string;
  statusLabel: string;
  dueAt: string;
  requests: { requestNo: number; unitId: string; outcome: string; refusalReasonLabel: string | null }[];
  care: { kindLabel: string; unitId?: string } | null;
}

/**
 * 2b. A child left without care (seed 001: 受隔离影响的无人监护儿童): 陆小禾's father is isolated, the
 * no-guardian flag with its cause opens a care placement; the county asks 德清县儿童福利院 (ChildPlacementRequested →
 * ChildPlacementAdmitted, or Refused while it is closed, and then an entrusted carer); the father is back, the placement
 * ends (ChildPlacementEnded: the home discharges the child) and the follow-up visit closes it. Done once; later runs show it.
 */
async function careOfAChildWithoutGuardian(): Promise<void> {
  const { entry } = await listEntry({
    name: '陆小禾',
    idNumber: demoIdNumber('2017-08-15', 509),
    categories: ['de-facto-unsupported-child'],
    guardian: { name: '陆建华', phone: '13900000509', relation: '父亲' },
    notes: '母亲已故，父亲为唯一监护人',
  });
  if (!entry.flags.some((f) => f.flag === 'no-guardian')) {
    const raised = await attempt(
      'POST',
      `${SR}/key-person-lists/${WUKANG}/entries/${entry.entryId}/flags`,
      cadreA,
      { flag: 'no-guardian', finding: '监护人被集中隔离，儿童无人照料', cause: 'guardian-isolated' },
      ['FlagAlreadyRaised', 'EntryClosed'],
    );
    if (raised.ok)
      console.log("demo: 陆小禾's father is isolated: 无人监护 raised with its cause → RiskFlagRaised → a care placement opens");
    else noted("陆小禾's 无人监护 flag", raised.refusal);
  }
  const find = () =>
    waitUntil("陆小禾's care placement", async () => {
      const listed = await call('GET', `${SR}/care-placements?entryId=${entry.entryId}`, county);
      return (listed.placements as PlacementView[])[0];
    });
  let p = await find();
  if (p.status === 'needed' && !p.requests.some((r) => r.unitId === 'deqing-child-welfare')) {
    await call('POST', `${SR}/care-placements/${p.placementId}/unit-requests`, county, { unitId: 'deqing-child-welfare' });
    console.log(
      `demo: placement ${p.placementId} (due by ${p.dueAt}): the county asks 德清县儿童福利院 to take 陆小禾 in → ChildPlacementRequested`,
    );
  }
  p = await waitUntil('德清县儿童福利院 to answer', async () => {
    const now = await find();
    return now.status === 'requested' ? undefined : now;
  });
  const asked = p.requests.find((r) => r.unitId === 'deqing-child-welfare');
  if (p.status === 'needed') {
    console.log(
      `demo: 德清县儿童福利院 refused (${asked?.refusalReasonLabel}) → ChildPlacementRefused; a great-aunt takes 陆小禾 in (委托照料)`,
    );
    p = await call('POST', `${SR}/care-placements/${p.placementId}/entrusted-carer`, cadreA, {
      carer: { name: '陆阿婆', phone: '13900000510', relation: '叔祖母' },
    });
  } else if (p.status === 'placed' && p.care?.unitId) {
    console.log('demo: 德清县儿童福利院 admitted 陆小禾 into temporary care (临时照料) → ChildPlacementAdmitted; the placement is placed');
  }
  if (p.status === 'placed') {
    p = await call('POST', `${SR}/care-placements/${p.placementId}/end`, cadreA, { reason: 'guardian-returned' });
    console.log(
      `demo: 陆小禾's father is back: the placement (${p.care?.kindLabel}) ends → ChildPlacementEnded (a unit discharges the child)`,
    );
  }
  if (p.status === 'ended') {
    p = await call('POST', `${SR}/care-placements/${p.placementId}/follow-up`, cadreA, {
      mode: 'home-visit',
      findings: '监护人已返家，儿童生活学习正常',
    });
    console.log("demo: the follow-up visit is recorded on 陆小禾's list entry; the placement is closed (已回访)");
  } else console.log(`demo: 陆小禾's care placement is ${p.statusLabel} (${p.status}) already`);
}
