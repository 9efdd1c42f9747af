import { shanghaiDate } from '@civil/kernel';
import { attempt, call, county, demoIdNumber, IM, MintTokenClaims, noted, staffOf } from './demo-http';

/**
 * Institution monitoring (机构监测) for the demo, through the service's HTTP API: eight units of
 * 德清县, today's reports, a region-wide closure order for 乾元镇's elderly homes, a resident with
 * a fever isolated and transferred, a death, a supply shortage and low vaccination coverage.
 *
 * Every step reads what is there first, or takes the service's "already there" answer as done, so
 * the demo runs again the same day, another day, after a run stopped half-way, or after someone
 * changed things by hand (an order lifted, a unit reopened, a resident's case cleared).
 */
export const UNITS = [
  {
    unitId: 'deqing-welfare-centre',
    name: '德清县社会福利中心',
    unitType: 'elderly-care-home',
    operator: 'public',
    divisionCode: '330521101',
    beds: 320,
    bedsInUse: 251,
  },
  {
    unitId: 'wukang-care-home',
    name: '武康街道颐养院',
    unitType: 'elderly-care-home',
    operator: 'social-capital',
    divisionCode: '330521101',
    beds: 120,
    bedsInUse: 96,
  },
  {
    unitId: 'xinshi-jinglaoyuan',
    name: '新市镇敬老院',
    unitType: 'extreme-poverty-support-home',
    operator: 'public',
    divisionCode: '330521102',
    beds: 80,
    bedsInUse: 61,
  },
  {
    unitId: 'qianyuan-care-home',
    name: '乾元镇康养中心',
    unitType: 'elderly-care-home',
    operator: 'social-capital',
    divisionCode: '330521103',
    beds: 150,
    bedsInUse: 118,
  },
  {
    unitId: 'deqing-relief-station',
    name: '德清县救助管理站',
    unitType: 'relief-station',
    operator: 'public',
    divisionCode: '330521101',
    beds: 30,
    bedsInUse: 7,
  },
  {
    unitId: 'deqing-child-welfare',
    name: '德清县儿童福利院',
    unitType: 'child-welfare-home',
    operator: 'public',
    divisionCode: '330521101',
    beds: 40,
    bedsInUse: 22,
  },
  {
    unitId: 'leidian-day-care',
    name: '雷甸镇日间照料中心',
    unitType: 'day-care-centre',
    operator: 'social-capital',
    divisionCode: '330521104',
    beds: 20,
    bedsInUse: 15,
  },
  {
    unitId: 'moganshan-care-home',
    name: '莫干山镇养老院',
    unitType: 'elderly-care-home',
    operator: 'public',
    divisionCode: '330521115',
    beds: 60,
    bedsInUse: 44,
  },
];
/** Units that file today's report before the deadline; the others miss it. */
export const REPORTING = [
  'deqing-welfare-centre',
  'wukang-care-home',
  'deqing-relief-station',
  'deqing-child-welfare',
  'moganshan-care-home',
];
/** Units that miss the deadline and file late. */
export const LATE = ['xinshi-jinglaoyuan', 'leidian-day-care'];

const QIANYUAN = '330521103';
const CLOSURE_TYPES = ['day-care-centre', 'elderly-care-home'];
const CLOSURE_REASON = '乾元镇出现本土病例，镇内养老机构实行封闭管理';

interface UnitView {
  unitId: string;
  name: string;
  divisionCode: string;
  status: string;
  closure?: { orderId: string; regionOrderId?: string | null } | null;
  supervision?: { underRectification?: boolean } | null;
}

/** The registry as it stands (a unit's division may have been edited since it was registered). */
const registry = new Map<string, UnitView>();

/** A unit's own staff, in the unit's division as the registry has it now. */
export function staffFor(unitId: string): MintTokenClaims {
  const unit = registry.get(unitId) ?? UNITS.find((u) => u.unitId === unitId);
  if (!unit) throw new Error(`the demo has no unit ${unitId}`);
  return staffOf(unitId, unit.divisionCode);
}

async function readRegistry(): Promise<Map<string, UnitView>> {
  for (const u of (await call('GET', `${IM}/institutions`, county)) as UnitView[]) registry.set(u.unitId, u);
  return registry;
}

export function counts(residents: number) {
  return {
    residents,
    staffOnDuty: Math.ceil(residents / 4),
    newAdmissions: 0,
    temperatureAnomalies: 0,
    suspected: 0,
    confirmed: 0,
    isolated: 0,
    transferred: 0,
    deaths: 0,
    ppeDaysOfCover: 45,
    vaccinatedResidents: Math.floor(residents * 0.95),
    vaccinatedStaff: Math.ceil(residents / 4),
  };
}

/** Registers the demo's units (those registered already are left as they are) and reads the registry. */
export async function registerUnits(today: string): Promise<void> {
  let added = 0;
  for (const u of UNITS) if ((await attempt('POST', `${IM}/institutions`, county, u, ['UnitAlreadyRegistered'])).ok) added++;
  await readRegistry();
  console.log(
    `demo: ${UNITS.length} units in 德清县 (330521) for ${today}: ${added ? `${added} registered now` : 'none new'}${added < UNITS.length ? `, ${UNITS.length - added} registered already` : ''}`,
  );
  for (const u of UNITS) {
    const now = registry.get(u.unitId);
    if (!now) throw new Error(`GET ${IM}/institutions does not list ${u.unitId}, registered a moment ago`);
    if (now.status !== 'open')
      console.log(`demo: ${u.unitId} is ${now.status}${now.closure?.orderId ? ` (closure order ${now.closure.orderId})` : ''}`);
  }
}

/** Files today's report for each unit; a unit that has filed already keeps its report. */
export async function fileReports(
  unitIds: string[],
  today: string,
): Promise<{ filed: { unitId: string; late: boolean }[]; already: string[] }> {
  const filed: { unitId: string; late: boolean }[] = [];
  const already: string[] = [];
  for (const id of unitIds) {
    const unit = UNITS.find((u) => u.unitId === id)!;
    const r = await attempt(
      'POST',
      `${IM}/institutions/${id}/daily-reports`,
      staffFor(id),
      { reportDate: today, counts: counts(unit.bedsInUse) },
      ['ReportAlreadySubmitted'],
    );
    if (r.ok) filed.push({ unitId: id, late: !!r.body.late });
    else already.push(id);
  }
  return { filed, already };
}

/** Today's report of a unit: filed (late or not), a recorded miss, or none yet. */
export async function reportOf(unitId: string, today: string): Promise<{ status: 'submitted' | 'missed'; late?: boolean } | undefined> {
  const r = await call('GET', `${IM}/institutions/${unitId}/daily-reports/${today}`, county, undefined, [200, 404]);
  return r?.status === 'submitted' || r?.status === 'missed' ? r : undefined;
}

/**
 * Closed management, a symptom case, a death, a supply shortage and low vaccination coverage.
 * Answers the kinds of supervision case the day's signals give (now or on an earlier run).
 */
export async function incidents(today: string): Promise<string[]> {
  const kinds: string[] = [];
  await closureOrder(today);
  if (await feverAndTransfer(today)) kinds.push('symptom-case');
  await aDeath(today);

  const wukang = staffFor('wukang-care-home');
  await call('PUT', `${IM}/institutions/wukang-care-home/supplies/masks`, wukang, { stock: 1800, dailyUse: 120 });
  await call('PUT', `${IM}/institutions/wukang-care-home/supplies/protective-suits`, wukang, { stock: 400, dailyUse: 10 });
  console.log(
    'demo: wukang-care-home counts 15 days of masks (floor 30) → SupplyShortageDetected (once per shortage); protective suits 40 days, fine',
  );
  kinds.push('supply-shortage');

  await call('PUT', `${IM}/institutions/xinshi-jinglaoyuan/vaccination`, staffFor('xinshi-jinglaoyuan'), {
    residents: { eligible: 58, vaccinated: 50 },
    staff: { eligible: 16, vaccinated: 16 },
  });
  console.log(
    'demo: xinshi-jinglaoyuan vaccinated 50 of 58 eligible residents (86.2 %, floor 91.2 %) → VaccinationCoverageBelowFloor (once while below)',
  );
  kinds.push('vaccination-below-floor');
  await marriageRegistryAndPlacements(today);
  return kinds;
}

/**
 * 德清县婚姻登记处 takes a telephone appointment in a staggered slot a week on, and the bureau
 * announces, five days ahead, a day it does not serve (取消…婚姻登记工作的公告): the appointment on
 * that day is cancelled → ServiceDaySuspended and MarriageAppointmentCancelled (refs only). The
 * child welfare home schedules an adoption placement (送养) a fortnight on; if 乾元镇's closure has
 * it closed, the request is refused (暂停送养) and the demo says so.
 */
async function marriageRegistryAndPlacements(today: string): Promise<void> {
  const windowId = 'deqing-marriage-registry';
  await attempt(
    'POST',
    `${IM}/institutions`,
    county,
    {
      unitId: windowId,
      name: '德清县婚姻登记处',
      unitType: 'service-window',
      operator: 'public',
      divisionCode: '330521001',
      beds: 0,
      bedsInUse: 0,
    },
    ['UnitAlreadyRegistered'],
  );
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const suspendedDay = day(5);
  const booked = await attempt(
    'POST',
    `${IM}/institutions/${windowId}/marriage-appointments`,
    county,
    { date: suspendedDay, slotStart: '09:30', contact: { name: '演示预约人', phone: '13800000000' } },
    ['DaySuspended', 'SlotFull'],
  );
  if (booked.ok) console.log(`demo: ${windowId} books a couple by telephone for ${suspendedDay} 09:30 (${booked.body.appointmentRef})`);
  const notice = await attempt(
    'POST',
    `${IM}/institutions/${windowId}/service-suspensions`,
    county,
    { noticeId: `deqing-marriage-suspend-${suspendedDay}`, date: suspendedDay, reason: '疫情防控期间暂停办理婚姻登记' },
    ['AlreadySuspended'],
  );
  if (notice.ok) {
    console.log(
      `demo: the bureau suspends marriage registration on ${suspendedDay} (announced ${notice.body.suspension.daysAhead} days ahead) → ServiceDaySuspended; ` +
        `${notice.body.cancelledAppointmentRefs.length} appointment(s) cancelled → MarriageAppointmentCancelled`,
    );
  } else noted(`suspension of ${suspendedDay} at ${windowId}`, notice.refusal);

  const placement = await attempt(
    'POST',
    `${IM}/institutions/deqing-child-welfare/placements`,
    county,
    { kind: 'adoption-placement', subjectRef: `demo-child-${today}`, scheduledDate: day(14) },
    ['UnitClosed'],
  );
  if (placement.ok) {
    console.log(
      `demo: deqing-child-welfare schedules an adoption placement (送养) for ${day(14)}: ${placement.body.statusLabel}; a closure holds it (PlacementHeld) until it reopens (PlacementResumed)`,
    );
  } else noted('adoption placement at deqing-child-welfare', placement.refusal, 'refused while closed (暂停送养)');
}

interface ClosureOrderView {
  orderId: string;
  divisionCode: string;
  unitTypes: string[];
  status: 'in-force' | 'lifted';
  issuedAt: string;
  closedUnitIds: string[];
  alreadyClosedUnitIds: string[];
  liftedAt?: string;
  liftedBy?: string;
}

/**
 * Today's region-wide closure order for 乾元镇 (deqing-qianyuan-closure-<day>). In force already:
 * reported as it stands (a unit reopened by hand since stays open). Lifted (or the id taken by
 * other terms): the next id of the day (…-2, …-3) is issued, so 乾元镇 is under closed management
 * again for the rest of the demo.
 */
async function closureOrder(today: string): Promise<void> {
  const base = `deqing-qianyuan-closure-${today}`;
  for (let n = 1; n <= 50; n++) {
    const orderId = n === 1 ? base : `${base}-${n}`;
    const existing = (await call('GET', `${IM}/closure-orders/${orderId}`, county, undefined, [200, 404])) as ClosureOrderView | undefined;
    if (existing?.orderId) {
      if (existing.status === 'lifted') {
        console.log(
          `demo: closure order ${orderId} was lifted at ${existing.liftedAt}${existing.liftedBy ? ` by ${existing.liftedBy}` : ''}; issuing the next order of the day`,
        );
        continue;
      }
      if (existing.divisionCode !== QIANYUAN || [...existing.unitTypes].sort().join() !== CLOSURE_TYPES.join()) {
        console.log(
          `demo: closure order id ${orderId} is taken by an order for ${existing.divisionCode} (${existing.unitTypes.join(', ')}); trying the next id`,
        );
        continue;
      }
      if (existing.closedUnitIds.length + existing.alreadyClosedUnitIds.length > 0) {
        const reopened: string[] = [];
        for (const unitId of existing.closedUnitIds) {
          const unit = (await call('GET', `${IM}/institutions/${unitId}`, county)) as UnitView;
          if (unit.status !== 'closed' || unit.closure?.orderId !== orderId)
            reopened.push(
              `${unitId} (${unit.status}${unit.closure?.orderId && unit.closure.orderId !== orderId ? ` by ${unit.closure.orderId}` : ''})`,
            );
        }
        console.log(
          `demo: closure order ${orderId} for 乾元镇 (${QIANYUAN}) has been in force since ${existing.issuedAt}: it closed ${existing.closedUnitIds.join(', ') || 'none'}` +
            (existing.alreadyClosedUnitIds.length ? `, found ${existing.alreadyClosedUnitIds.join(', ')} closed already` : '') +
            (reopened.length ? `; changed since: ${reopened.join(', ')} — left as it is` : ''),
        );
        return;
      }
      // recorded but never applied to its units (a run stopped half-way): sending it again finishes it
    }
    const sent = await attempt(
      'POST',
      `${IM}/closure-orders`,
      county,
      { orderId, divisionCode: QIANYUAN, unitTypes: CLOSURE_TYPES, reason: CLOSURE_REASON },
      ['OrderIdTaken'],
    );
    if (!sent.ok) {
      noted(`closure order ${orderId}`, sent.refusal, 'trying the next id of the day');
      continue;
    }
    const closure = sent.body as { closed: string[]; alreadyClosed: string[] };
    console.log(
      `demo: closure order ${orderId} for 乾元镇 (${QIANYUAN}): closed ${closure.closed.join(', ') || 'none'}${closure.closed.length ? ' → InstitutionClosed' : ''}` +
        (closure.alreadyClosed.length ? `; ${closure.alreadyClosed.join(', ')} closed by another order already` : ''),
    );
    return;
  }
  throw new Error(`no free closure order id of ${today} among ${base} … ${base}-50`);
}

interface ResidentView {
  residentId: string;
  name: string;
  status: string;
  statusLabel: string;
  admittedAt: string;
  openSymptomCaseId: string | null;
  symptomCases?: { symptomCaseId: string; status: string; statusLabel: string }[];
  death?: { diedAt: string } | null;
}

/**
 * The demo's resident of this name admitted today (Beijing), found by the unit's own staff, who
 * see names; admitted now if there is none. Undefined when the unit admits nobody (closed by an
 * order, or no longer active).
 */
export async function residentOfToday(
  unitId: string,
  today: string,
  name: string,
  admission: Record<string, unknown>,
): Promise<{ resident: ResidentView; admitted: boolean } | undefined> {
  const staff = staffFor(unitId);
  const all = (await call('GET', `${IM}/institutions/${unitId}/residents`, staff)) as ResidentView[];
  const found = all.find((r) => r.name === name && shanghaiDate(new Date(r.admittedAt)) === today);
  if (found) return { resident: await call('GET', `${IM}/institutions/${unitId}/residents/${found.residentId}`, staff), admitted: false };
  const r = await attempt('POST', `${IM}/institutions/${unitId}/residents`, staff, { name, ...admission }, [
    'UnitClosed',
    'UnitInactive',
    'AlreadyResident',
  ]);
  if (r.ok) return { resident: r.body, admitted: true };
  if (r.refusal.error === 'AlreadyResident') {
    return {
      resident: await call('GET', `${IM}/institutions/${unitId}/residents/${r.refusal.details!.residentId}`, staff),
      admitted: false,
    };
  }
  noted(`${unitId} admits nobody now`, r.refusal, `no ${name} today`);
  return undefined;
}

/**
 * A fever reading for a resident who has not had a symptom case: isolated on the symptom path.
 * True if the resident is, or was, on the symptom path.
 */
export async function feverReading(unitId: string, r: ResidentView, temperatureC: number, symptoms: string[]): Promise<boolean> {
  if (r.symptomCases?.length) return true;
  const read = await attempt(
    'POST',
    `${IM}/institutions/${unitId}/residents/${r.residentId}/temperature-readings`,
    staffFor(unitId),
    { temperatureC, symptoms },
    ['ResidentNotInUnit', 'SymptomCaseOpen'],
  );
  if (!read.ok) {
    noted(`resident ${r.residentId} of ${unitId} (${r.statusLabel})`, read.refusal, 'no fever reading recorded');
    return false;
  }
  Object.assign(r, read.body);
  return !!r.symptomCases?.length;
}

/** Today's resident of 德清县社会福利中心 with a fever: isolated, reported, then transferred. */
async function feverAndTransfer(today: string): Promise<boolean> {
  const unitId = 'deqing-welfare-centre';
  const found = await residentOfToday(unitId, today, '演示老人', { temperatureC: 36.6 });
  if (!found) return false;
  const r = found.resident;
  const hadCase = !!r.symptomCases?.length;
  if (!(await feverReading(unitId, r, 38.3, ['fever', 'cough']))) return false;
  if (r.status === 'isolated' && r.openSymptomCaseId) {
    const moved = await attempt(
      'POST',
      `${IM}/institutions/${unitId}/residents/${r.residentId}/transfers`,
      staffFor(unitId),
      { hospital: '德清县人民医院（定点医院）' },
      ['NoOpenSymptomCase'],
    );
    if (!moved.ok) {
      noted(`resident ${r.residentId} of ${unitId}`, moved.refusal, 'not transferred');
      return true;
    }
    console.log(
      hadCase
        ? `demo: resident ${r.residentId} of ${unitId} was isolated with a fever on an earlier run today; now transferred → ResidentTransferred`
        : `demo: resident ${r.residentId} of ${unitId} read 38.3 °C → isolated, SymptomCaseReported (urgent), then ResidentTransferred`,
    );
  } else {
    const last = r.symptomCases?.[r.symptomCases.length - 1];
    console.log(
      r.status === 'transferred'
        ? `demo: resident ${r.residentId} of ${unitId} read a fever and was transferred on an earlier run today`
        : `demo: resident ${r.residentId} of ${unitId} read a fever on an earlier run today; now ${r.statusLabel}${last ? ` (symptom case ${last.statusLabel})` : ''} — left as it is`,
    );
  }
  return true;
}

/** Today's death at 莫干山镇养老院: a fictional elder of the day dies → ResidentDied → a funeral case. */
async function aDeath(today: string): Promise<void> {
  const unitId = 'moganshan-care-home';
  const daySeq = Math.floor(Date.parse(`${today}T00:00:00Z`) / 86_400_000) % 1000;
  const found = await residentOfToday(unitId, today, '演示长者', { idNumber: demoIdNumber('1931-05-20', daySeq) });
  if (!found) return;
  const r = found.resident;
  if (r.status === 'deceased') {
    console.log(
      `demo: today's resident ${r.residentId} of ${unitId} died already (${r.death?.diedAt ?? 'recorded'}); its funeral case is at 德清县殡仪馆`,
    );
    return;
  }
  const died = await attempt(
    'POST',
    `${IM}/institutions/${unitId}/residents/${r.residentId}/death`,
    staffFor(unitId),
    { diedAt: new Date().toISOString(), cause: 'natural', infectious: false },
    ['AlreadyDeceased', 'ResidentDischarged'],
  );
  if (!died.ok) {
    noted(`resident ${r.residentId} of ${unitId}`, died.refusal);
    return;
  }
  console.log(`demo: a resident of ${unitId} died (natural causes) → ResidentDied; funeral operations opens a case at 德清县殡仪馆`);
}

/**
 * 德清县救助管理站 admits a person today (入院即隔离: isolated 14 days) before it files today's
 * report, so the report's "0 isolated" contradicts the station's own records (and its resident
 * count the roll): the report is accepted and DailyReportInconsistent goes out with it. A re-run
 * the same day finds the person (and the report) already there.
 */
export async function anAdmissionTheReportLeavesOut(today: string): Promise<void> {
  const unitId = 'deqing-relief-station';
  const found = await residentOfToday(unitId, today, '演示受助人员', { temperatureC: 36.5 });
  if (!found) return;
  console.log(
    found.admitted
      ? `demo: ${unitId} admits a person today: isolated 14 days on admission (入院即隔离); its report will say 0 isolated`
      : `demo: ${unitId} admitted today's person on an earlier run (${found.resident.statusLabel})`,
  );
}
