import { shanghaiDate } from '@civil/kernel';
import { admin, call, county, FO, IM, province, SR, SV, waitUntil } from './demo-http';
import { setUpFuneralHomes, strainAHome } from './funeral-operations.demo';
import {
  anAdmissionTheReportLeavesOut,
  fileReports,
  incidents,
  LATE,
  registerUnits,
  reportOf,
  REPORTING,
  UNITS,
} from './institution-monitoring.demo';
import { socialReliefDemo } from './social-relief.demo';
import {
  accountabilityFor,
  directiveToTheCounty,
  fireSafetyAtTheLotteryOutlet,
  inspectTheSilentUnit,
  overdueApplication,
  selfInspectionsAfter,
  setDemoLadders,
  showCases,
  showWorkload,
  suspicionFromTheReport,
  symptomCluster,
} from './supervision.demo';

/**
 * Demo data for a newcomer (run by `npm start`), across the four services, in Deqing county (德清县):
 * - funeral operations: two homes of 湖州 (德清, 安吉), a ceremony suspension order, daily checks;
 * - institution monitoring: eight units; a region-wide closure order for 乾元镇's elderly homes
 *   (InstitutionClosed); a resident with a fever isolated and transferred (SymptomCaseReported,
 *   urgent; ResidentTransferred); a death (ResidentDied → a funeral case); 15 days of masks
 *   (SupplyShortageDetected); 86 % vaccination at a 敬老院 (VaccinationCoverageBelowFloor);
 * - social relief: key-person lists, households and their categories, applications in each
 *   state, a voucher round (EntitlementIssued), a medium-risk township;
 * - funeral operations again: 德清's cold storage fills up (CapacityStrained), 安吉 is proposed;
 * - supervision: five units file today's report, the county's deadline passes, the sweep finds
 *   three missing (ReportMissed), supervision opens three cases, two units file late
 *   (CaseResolved), and the third case climbs from township to county a minute later (CaseEscalated);
 *   the relief station's report leaves out the person it isolated on admission today
 *   (DailyReportInconsistent): a 瞒报漏报 suspicion case, confirmed by the county (AccountabilityCaseOpened); the silent unit's
 *   四不两直 inspection, its finding sent as 举一反三 self-inspection tasks to the county's other
 *   养老机构 (one reports back: SelfInspectionReported; the rest are left for the missed sweep);
 *   a 福彩 sales point inspected with the combined fire-safety + epidemic checklist.
 *
 * It finishes on whatever the services hold: run again the same day or another day, after a run
 * stopped half-way, or after changes by hand (an order lifted, a case resolved, a unit reopened, an
 * application moved on, a funeral case released). Each step reads the state first or takes the
 * service's "already there" / "moved on" answer as done, prints a line saying so and goes on with
 * what is there; any other refusal, or a server error, stops it with the request and the answer.
 */
export interface SeedOptions {
  /**
   * The county's deadline at the turn of the minute, the sweep, the late filings and the
   * escalation to accountability (a few minutes of waiting). Off only in quick tests of the seed.
   */
  deadline?: boolean;
}

export async function seedDemo(options: SeedOptions = {}): Promise<void> {
  const withDeadline = options.deadline ?? true;
  for (const base of [IM, SR, FO, SV])
    await waitUntil(`${base} to be ready`, async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined));
  const today = shanghaiDate(new Date());
  // the funeral homes first: a death recorded below opens its case at the county's home
  await setUpFuneralHomes();
  await registerUnits(today);

  // a fact the relief station's report will leave out (its report is checked against its records)
  await anAdmissionTheReportLeavesOut(today);
  // today's reports are judged against the end of the day until the demo sets its deadline below
  await call('PUT', `${IM}/reporting-deadlines`, county, { divisionCode: '330521', time: '23:59', effectiveFrom: today });
  const onTime = await fileReports(REPORTING, today);
  console.log(
    `demo: ${onTime.filed.length} unit(s) filed today's report${onTime.already.length ? `; ${onTime.already.join(', ')} had filed already` : ''}`,
  );

  await setDemoLadders();
  const kinds = await incidents(today);
  await socialReliefDemo(today);
  if (await overdueApplication()) kinds.push('application-overdue');
  await symptomCluster(today, kinds.includes('symptom-case'));
  if (await strainAHome(today)) kinds.push('capacity-strained');
  await suspicionFromTheReport('deqing-relief-station');
  kinds.push('report-inconsistent');
  const silentOnes = UNITS.filter((u) => !REPORTING.includes(u.unitId)).map((u) => u.unitId);
  const missed = withDeadline ? await theDeadline(today) : [];
  if (missed.length) kinds.unshift('report-missed');
  await showCases(kinds);
  const silentUnit = missed.find((m) => !LATE.includes(m)) ?? silentOnes.find((m) => !LATE.includes(m))!;
  await selfInspectionsAfter(await inspectTheSilentUnit(silentUnit, today));
  await fireSafetyAtTheLotteryOutlet(today);
  await directiveToTheCounty(today);
  await accountabilityFor(silentUnit);
  await showCases([]);
  await showWorkload();
}

/**
 * The county's deadline passes: the sweep records the misses, supervision opens a case for each,
 * two units file late. Answers the units that missed today's deadline.
 */
async function theDeadline(today: string): Promise<string[]> {
  // the county's deadline: the current minute, once it has begun after the units were registered
  // (a unit registered after a deadline owes nothing for that day)
  const registeredAt = Date.now();
  const nextMinute = Math.ceil((registeredAt + 1) / 60_000) * 60_000;
  console.log(`demo: waiting ${Math.round((nextMinute - registeredAt) / 1000)} s for the minute to turn, then setting the deadline to it`);
  await new Promise((r) => setTimeout(r, nextMinute - registeredAt + 500));
  const beijingNow = new Date(nextMinute + 8 * 3_600_000).toISOString();
  if (beijingNow.slice(0, 10) !== today) throw new Error('the Beijing day changed during the demo; run it again');
  const time = beijingNow.slice(11, 16);
  await call('PUT', `${IM}/reporting-deadlines`, county, { divisionCode: '330521', time, effectiveFrom: today });
  console.log(`demo: 德清县 reporting deadline set to ${time} Beijing time from ${today}`);

  // a short ladder so the escalation shows within the demo: township 1 min → county 2 → city 5 → province
  await call('PUT', `${SV}/escalation-ladders/report-missed`, province, {
    rungs: [
      { level: 'township', minutesToResolve: 1 },
      { level: 'county', minutesToResolve: 2 },
      { level: 'city', minutesToResolve: 5 },
      { level: 'province' },
    ],
  });
  console.log('demo: report-missed ladder set to township 1 min → county 2 min → city 5 min → province');

  const sweep = await call('POST', `${IM}/daily-reports/deadline-sweeps`, admin);
  console.log(`demo: deadline sweep: ${sweep.missed} report(s) newly missing for ${sweep.days.join(', ') || 'no day'}`);

  // the units meant to miss today's deadline; one filed on time by hand, or registered after it, owes no case
  const missed: string[] = [];
  for (const id of UNITS.filter((u) => !REPORTING.includes(u.unitId)).map((u) => u.unitId)) {
    const report = await reportOf(id, today);
    if (report?.status === 'missed' || (report?.status === 'submitted' && report.late)) missed.push(id);
    else
      console.log(
        `demo: ${id} ${report ? "filed today's report on time (by hand)" : 'owes no report for today (registered after its deadline)'}; no report-missed case for it today`,
      );
  }
  if (missed.length) {
    // (on a second run the same day the cases exist already, some of them resolved)
    await waitUntil(`supervision to open report-missed cases for ${missed.join(', ')}`, async () => {
      const cases = (await call('GET', `${SV}/cases?caseType=report-missed&limit=1000`, county)) as { subjectId: string }[];
      return missed.every((m) => cases.some((c) => c.subjectId === m)) ? true : undefined;
    });
    console.log(`demo: supervision holds report-missed cases for ${missed.join(', ')}`);
  }

  const late = await fileReports(
    LATE.filter((id) => missed.includes(id)),
    today,
  );
  for (const f of late.filed) console.log(`demo: ${f.unitId} filed late (late=${f.late}); its case resolves`);
  for (const id of late.already) console.log(`demo: ${id} had filed late already`);
  const silent = missed.find((m) => !LATE.includes(m));
  if (silent) {
    const open = (
      (await call('GET', `${SV}/cases?caseType=report-missed&status=open&limit=1000`, county)) as { subjectId: string; level: string }[]
    ).find((c) => c.subjectId === silent);
    console.log(
      open
        ? `demo: ${silent} stays silent; its case (held at ${open.level}) climbs while it stays open`
        : `demo: ${silent} stays silent, but its report-missed case was resolved (by hand): it does not climb`,
    );
  }
  return missed;
}

if (require.main === module) {
  seedDemo().catch((e) => {
    console.error(`demo seed failed: ${(e as Error).message}`);
    process.exit(1);
  });
}
