import { shanghaiDate } from '@civil/kernel';
import { admin, call, county, demoIdNumber, FO, IM, province, SR, staffOf, SV, waitUntil } from './demo-http';
import { setUpFuneralHomes, strainAHome } from './funeral-operations.demo';
import { socialReliefDemo } from './social-relief.demo';
import { accountabilityFor, directiveToTheCounty, inspectTheSilentUnit, overdueApplication, setDemoLadders, showCases, showWorkload, symptomCluster } from './supervision.demo';

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
 *   (CaseResolved), and the third case climbs from township to county a minute later (CaseEscalated).
 */
const UNITS = [
  { unitId: 'deqing-welfare-centre', name: '德清县社会福利中心', unitType: 'elderly-care-home', operator: 'public', divisionCode: '330521101', beds: 320, bedsInUse: 251 },
  { unitId: 'wukang-care-home', name: '武康街道颐养院', unitType: 'elderly-care-home', operator: 'social-capital', divisionCode: '330521101', beds: 120, bedsInUse: 96 },
  { unitId: 'xinshi-jinglaoyuan', name: '新市镇敬老院', unitType: 'extreme-poverty-support-home', operator: 'public', divisionCode: '330521102', beds: 80, bedsInUse: 61 },
  { unitId: 'qianyuan-care-home', name: '乾元镇康养中心', unitType: 'elderly-care-home', operator: 'social-capital', divisionCode: '330521103', beds: 150, bedsInUse: 118 },
  { unitId: 'deqing-relief-station', name: '德清县救助管理站', unitType: 'relief-station', operator: 'public', divisionCode: '330521101', beds: 30, bedsInUse: 7 },
  { unitId: 'deqing-child-welfare', name: '德清县儿童福利院', unitType: 'child-welfare-home', operator: 'public', divisionCode: '330521101', beds: 40, bedsInUse: 22 },
  { unitId: 'leidian-day-care', name: '雷甸镇日间照料中心', unitType: 'day-care-centre', operator: 'social-capital', divisionCode: '330521104', beds: 20, bedsInUse: 15 },
  { unitId: 'moganshan-care-home', name: '莫干山镇养老院', unitType: 'elderly-care-home', operator: 'public', divisionCode: '330521105', beds: 60, bedsInUse: 44 },
];
const REPORTING = ['deqing-welfare-centre', 'wukang-care-home', 'deqing-relief-station', 'deqing-child-welfare', 'moganshan-care-home'];
const LATE = ['xinshi-jinglaoyuan', 'leidian-day-care'];

function counts(residents: number) {
  return { residents, staffOnDuty: Math.ceil(residents / 4), newAdmissions: 0, temperatureAnomalies: 0, suspected: 0, confirmed: 0, isolated: 0, transferred: 0, deaths: 0, ppeDaysOfCover: 45, vaccinatedResidents: Math.floor(residents * 0.95), vaccinatedStaff: Math.ceil(residents / 4) };
}

async function main(): Promise<void> {
  for (const base of [IM, SR, FO, SV]) await waitUntil(`${base} to be ready`, async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined));
  const today = shanghaiDate(new Date());
  // the funeral homes first: a death recorded below opens its case at the county's home
  await setUpFuneralHomes();
  console.log(`demo: registering ${UNITS.length} units in 德清县 (330521) for ${today}`);
  for (const u of UNITS) await call('POST', `${IM}/institutions`, county, u, [201, 409]);

  // today's reports are judged against the end of the day until the demo sets its deadline below
  await call('PUT', `${IM}/reporting-deadlines`, county, { divisionCode: '330521', time: '23:59', effectiveFrom: today });
  for (const id of REPORTING) {
    const unit = UNITS.find((u) => u.unitId === id)!;
    await call('POST', `${IM}/institutions/${id}/daily-reports`, { sub: `staff-${id}`, roles: ['unit-staff'], jurisdiction: unit.divisionCode, unitId: id }, { reportDate: today, counts: counts(unit.bedsInUse) }, [201, 409]);
  }
  console.log(`demo: ${REPORTING.length} units filed today's report`);

  await setDemoLadders();
  await incidents(today);
  await socialReliefDemo(today);
  await overdueApplication();
  await symptomCluster();
  await strainAHome(today);

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
    rungs: [{ level: 'township', minutesToResolve: 1 }, { level: 'county', minutesToResolve: 2 }, { level: 'city', minutesToResolve: 5 }, { level: 'province' }],
  });
  console.log('demo: report-missed ladder set to township 1 min → county 2 min → city 5 min → province');

  const sweep = await call('POST', `${IM}/daily-reports/deadline-sweeps`, admin);
  console.log(`demo: deadline sweep: ${sweep.missed} report(s) missing for ${sweep.days.join(', ')}`);

  const missing = UNITS.filter((u) => !REPORTING.includes(u.unitId)).map((u) => u.unitId);
  // (on a second run the same day the cases exist already, some of them resolved)
  await waitUntil('supervision to open the cases', async () => {
    const cases = (await call('GET', `${SV}/cases?caseType=report-missed`, county)) as { subjectId: string }[];
    return missing.every((m) => cases.some((c) => c.subjectId === m)) ? true : undefined;
  });
  console.log(`demo: supervision opened cases for ${missing.join(', ')}`);

  for (const id of LATE) {
    const unit = UNITS.find((u) => u.unitId === id)!;
    const r = await call('POST', `${IM}/institutions/${id}/daily-reports`, { sub: `staff-${id}`, roles: ['unit-staff'], jurisdiction: unit.divisionCode, unitId: id }, { reportDate: today, counts: counts(unit.bedsInUse) }, [201, 409]);
    console.log(r?.reportId ? `demo: ${id} filed late (late=${r.late}); its case resolves` : `demo: ${id} had filed late already`);
  }
  console.log(`demo: ${missing.filter((m) => !LATE.includes(m)).join(', ')} stays silent; its case escalates after a minute`);
  await showCases(['report-missed', 'symptom-case', 'supply-shortage', 'vaccination-below-floor', 'capacity-strained', 'application-overdue']);
  const silent = missing.find((m) => !LATE.includes(m))!;
  await inspectTheSilentUnit(silent, today);
  await directiveToTheCounty(today);
  await accountabilityFor(silent);
  await showCases([]);
  await showWorkload();
}

/** Closed management, a symptom case, a supply shortage and low vaccination coverage. */
async function incidents(today: string): Promise<void> {
  const closure = await call('POST', `${IM}/closure-orders`, county, {
    orderId: `deqing-qianyuan-closure-${today}`,
    divisionCode: '330521103',
    unitTypes: ['elderly-care-home', 'day-care-centre'],
    reason: '乾元镇出现本土病例，镇内养老机构实行封闭管理',
  });
  console.log(`demo: closure order for 乾元镇 (330521103): closed ${closure.closed.join(', ') || 'none (closed already)'} → InstitutionClosed`);

  const welfare = staffOf('deqing-welfare-centre', '330521101');
  const resident = await call('POST', `${IM}/institutions/deqing-welfare-centre/residents`, welfare, { name: '演示老人', temperatureC: 36.6 });
  await call('POST', `${IM}/institutions/deqing-welfare-centre/residents/${resident.residentId}/temperature-readings`, welfare, { temperatureC: 38.3, symptoms: ['fever', 'cough'] });
  await call('POST', `${IM}/institutions/deqing-welfare-centre/residents/${resident.residentId}/transfers`, welfare, { hospital: '德清县人民医院（定点医院）' });
  console.log(`demo: resident ${resident.residentId} of deqing-welfare-centre read 38.3 °C → isolated, SymptomCaseReported (urgent), then ResidentTransferred`);

  const moganshan = staffOf('moganshan-care-home', '330521105');
  const elder = await call('POST', `${IM}/institutions/moganshan-care-home/residents`, moganshan, { name: '演示长者', idNumber: demoIdNumber('1931-05-20', 7) }, [201, 409]);
  if (elder?.residentId) {
    await call('POST', `${IM}/institutions/moganshan-care-home/residents/${elder.residentId}/death`, moganshan, { diedAt: new Date().toISOString(), cause: 'natural', infectious: false });
    console.log('demo: a resident of moganshan-care-home died (natural causes) → ResidentDied; funeral operations opens a case at 德清县殡仪馆');
  }

  const wukang = staffOf('wukang-care-home', '330521101');
  await call('PUT', `${IM}/institutions/wukang-care-home/supplies/masks`, wukang, { stock: 1800, dailyUse: 120 });
  await call('PUT', `${IM}/institutions/wukang-care-home/supplies/protective-suits`, wukang, { stock: 400, dailyUse: 10 });
  console.log('demo: wukang-care-home has 15 days of masks (floor 30) → SupplyShortageDetected; protective suits 40 days, fine');

  const xinshi = staffOf('xinshi-jinglaoyuan', '330521102');
  await call('PUT', `${IM}/institutions/xinshi-jinglaoyuan/vaccination`, xinshi, { residents: { eligible: 58, vaccinated: 50 }, staff: { eligible: 16, vaccinated: 16 } });
  console.log('demo: xinshi-jinglaoyuan vaccinated 50 of 58 eligible residents (86.2 %, floor 91.2 %) → VaccinationCoverageBelowFloor');
}

main().catch((e) => {
  console.error(`demo seed failed: ${(e as Error).message}`);
  process.exit(1);
});
