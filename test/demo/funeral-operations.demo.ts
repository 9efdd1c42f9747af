import { addDays, shanghaiDate } from '@civil/kernel';
import { attempt, call, city, county, demoIdNumber, FO, MintTokenClaims, noted, staffOf, waitUntil } from './demo-http';

/**
 * Funeral operations (殡葬服务) for the demo, through the service's HTTP API: two funeral homes of
 * 湖州市 (3305) — 德清县殡仪馆 with only 4 cold-storage slots and one vehicle, 安吉县殡仪馆 with room
 * to spare — a ceremony suspension order for 德清县 (守灵 / 遗体告别 / 祭祀 suspended), today's
 * maintenance checks and an order extending cremation hours. Then the Deqing home's cold storage
 * fills (CapacityStrained), the service proposes the Anji home, and a farewell booking is refused
 * naming the suspension order. Both steps run again the same day or later without failing, and on
 * whatever the home holds: cases released or moved on by hand, a run stopped half-way with a body
 * on its way, the vehicle out of service, the suspension order lifted.
 */
const DEQING = 'deqing-funeral-home';
const ANJI = 'anji-funeral-home';
const SUSPENSION_ORDER = 'cso-330521-demo';
const SUSPENSION_REASON = '疫情期间暂停集中治丧活动，白事简办';

interface HomeSpec {
  homeId: string;
  name: string;
  divisionCode: string;
  openingHours: { start: string; end: string };
  coldStorageSlots: number;
  bodyCarts: number;
  crowdedAreas: string[];
  equipment: { equipmentId: string; kind: 'vehicle' | 'cremator'; name: string; hours?: { start: string; end: string } }[];
  staff: { staffId: string; name: string; role: string; recalledRetiree: boolean }[];
}

const HOMES: HomeSpec[] = [
  {
    homeId: DEQING,
    name: '德清县殡仪馆',
    divisionCode: '330521',
    openingHours: { start: '07:00', end: '18:00' },
    coldStorageSlots: 4,
    bodyCarts: 2,
    crowdedAreas: ['告别厅', '候灵区'],
    equipment: [
      { equipmentId: 'dq-cremator-1', kind: 'cremator', name: '1号火化炉', hours: { start: '07:00', end: '17:00' } },
      { equipmentId: 'dq-vehicle-1', kind: 'vehicle', name: '遗体接运车（浙E·演示01）' },
    ],
    staff: [
      { staffId: 'dq-dispatcher-1', name: '沈晓梅', role: 'dispatcher', recalledRetiree: false },
      { staffId: 'dq-driver-1', name: '姚建军', role: 'driver', recalledRetiree: false },
      { staffId: 'dq-operator-1', name: '钱国平', role: 'operator', recalledRetiree: false },
      { staffId: 'dq-engineer-1', name: '孙工', role: 'resident-engineer', recalledRetiree: false },
      { staffId: 'dq-operator-2', name: '吴德福', role: 'operator', recalledRetiree: true },
    ],
  },
  {
    homeId: ANJI,
    name: '安吉县殡仪馆',
    divisionCode: '330523',
    openingHours: { start: '07:00', end: '18:00' },
    coldStorageSlots: 40,
    bodyCarts: 8,
    crowdedAreas: ['告别厅'],
    equipment: [
      { equipmentId: 'aj-cremator-1', kind: 'cremator', name: '1号火化炉', hours: { start: '07:00', end: '17:00' } },
      { equipmentId: 'aj-cremator-2', kind: 'cremator', name: '2号火化炉', hours: { start: '07:00', end: '17:00' } },
      { equipmentId: 'aj-vehicle-1', kind: 'vehicle', name: '遗体接运车（浙E·演示11）' },
      { equipmentId: 'aj-vehicle-2', kind: 'vehicle', name: '遗体接运车（浙E·演示12）' },
    ],
    staff: [
      { staffId: 'aj-dispatcher-1', name: '章丽华', role: 'dispatcher', recalledRetiree: false },
      { staffId: 'aj-driver-1', name: '潘志强', role: 'driver', recalledRetiree: false },
      { staffId: 'aj-operator-1', name: '蒋明', role: 'operator', recalledRetiree: false },
      { staffId: 'aj-engineer-1', name: '何工', role: 'resident-engineer', recalledRetiree: false },
    ],
  },
];

/** Fictional deceased for the Deqing cases, one per cold-storage slot (demo data only). */
const DECEASED = [
  { name: '演示逝者甲', birthDate: '1936-02-11', place: '德清县武康街道家中' },
  { name: '演示逝者乙', birthDate: '1941-07-23', place: '德清县人民医院太平间' },
  { name: '演示逝者丙', birthDate: '1939-11-05', place: '新市镇家中' },
  { name: '演示逝者丁', birthDate: '1944-04-30', place: '乾元镇卫生院' },
];

const deqingStaff = staffOf(DEQING, '330521');
const SLOT_HOLDING = ['stored', 'scheduled'];

interface CaseView {
  caseId: string;
  status: string;
  statusLabel: string;
  origin: string;
  infectious: boolean;
  slot: number | null;
  vehicleId: string | null;
  deceased: { name: string; idNumber: string | null } | null;
}

/** Registers a home with its equipment and staff; what exists already is left as it is. */
async function registerHome(h: HomeSpec, who: MintTokenClaims): Promise<void> {
  const { equipment, staff, ...home } = h;
  const made = await attempt('POST', `${FO}/funeral-homes`, who, home, ['HomeExists']);
  const current = await call('GET', `${FO}/funeral-homes/${h.homeId}`, who);
  console.log(
    made.ok
      ? `demo: registered ${h.name} (${h.homeId}) in ${h.divisionCode}: ${h.coldStorageSlots} cold-storage slots, open ${h.openingHours.start}–${h.openingHours.end}, crowded areas ${h.crowdedAreas.join('、')}`
      : `demo: ${h.name} (${h.homeId}) was registered already (${current.coldStorageSlots} cold-storage slots)`,
  );
  let added = 0;
  for (const e of equipment)
    if ((await attempt('POST', `${FO}/funeral-homes/${h.homeId}/equipment`, who, e, ['EquipmentExists'])).ok) added++;
  for (const s of staff) if ((await attempt('POST', `${FO}/funeral-homes/${h.homeId}/staff`, who, s, ['StaffExists'])).ok) added++;
  const cremators = equipment.filter((e) => e.kind === 'cremator');
  console.log(
    `demo: ${h.homeId}: ${cremators.length} cremator(s) (${cremators.map((c) => `${c.name} ${c.hours!.start}–${c.hours!.end}`).join(', ')}), ${equipment.length - cremators.length} vehicle(s), ` +
      `staff ${staff.map((s) => `${s.name}/${s.role}${s.recalledRetiree ? '（返聘）' : ''}`).join(', ')}${added ? '' : ' — all there already'}`,
  );
}

/**
 * Before institution monitoring records a death in 德清县: the homes of 湖州市, the county's
 * ceremony suspension order, today's maintenance checks and an extension of cremation hours.
 */
export async function setUpFuneralHomes(): Promise<void> {
  await waitUntil(`${FO} to be ready`, async () => ((await fetch(`${FO}/health/ready`)).ok ? true : undefined));
  const today = shanghaiDate(new Date());
  for (const h of HOMES) await registerHome(h, city);

  // 守灵 / 遗体告别 / 祭祀 suspended in 德清县 until lifted (looked up first: re-sending would differ in `from`)
  const existing = await call('GET', `${FO}/ceremony-suspension-orders/${SUSPENSION_ORDER}`, county, undefined, [200, 404]);
  if (existing?.orderId) {
    console.log(
      `demo: ceremony suspension order ${SUSPENSION_ORDER} for 330521 exists already${existing.liftedAt ? ` (lifted at ${existing.liftedAt})` : ''}`,
    );
  } else {
    const issued = await attempt(
      'POST',
      `${FO}/ceremony-suspension-orders`,
      county,
      { orderId: SUSPENSION_ORDER, divisionCode: '330521', kinds: ['vigil', 'farewell', 'rites'], reason: SUSPENSION_REASON },
      ['OrderIdTaken'],
    );
    if (!issued.ok) noted(`ceremony suspension order ${SUSPENSION_ORDER}`, issued.refusal, 'it was issued meanwhile; left as it is');
    else
      console.log(
        `demo: ceremony suspension order ${SUSPENSION_ORDER}: 守灵 / 遗体告别 / 祭祀 suspended in 德清县 (330521) until lifted — "${SUSPENSION_REASON}" → CeremoniesSuspended`,
      );
  }

  // the daily check (每日检修): the cremator with the manufacturer's resident engineer, the vehicle by its driver
  const maintenance = await call('GET', `${FO}/funeral-homes/${DEQING}/maintenance?date=${today}`, deqingStaff);
  const checks = [
    {
      equipmentId: 'dq-cremator-1',
      body: { staffId: 'dq-operator-1', engineerStaffId: 'dq-engineer-1', items: ['炉膛', '燃烧器', '烟气处理', '控制系统'], result: 'ok' },
    },
    { equipmentId: 'dq-vehicle-1', body: { staffId: 'dq-driver-1', items: ['制动', '轮胎', '车厢消毒', '担架'], result: 'ok' } },
  ];
  for (const c of checks) {
    if ((maintenance.checked as string[]).includes(c.equipmentId)) {
      console.log(`demo: ${c.equipmentId} was checked already today (${today})`);
      continue;
    }
    const r = await call('POST', `${FO}/funeral-homes/${DEQING}/equipment/${c.equipmentId}/checks`, deqingStaff, c.body);
    console.log(
      `demo: daily check of ${c.equipmentId} (${c.body.items.join('、')}): ${c.body.result}${r.late ? ', recorded after the check deadline (late)' : ''}`,
    );
  }

  // 延长火化时间: the Deqing cremator works 06:00–22:00 today
  const ext = await attempt(
    'POST',
    `${FO}/funeral-homes/${DEQING}/hours-extensions`,
    county,
    {
      orderId: `ext-deqing-${today}`,
      crematorIds: ['dq-cremator-1'],
      from: today,
      to: today,
      hours: { start: '06:00', end: '22:00' },
      reason: '死亡人数上升，延长火化时间',
    },
    ['OrderExists'],
  );
  console.log(
    !ext.ok
      ? `demo: extension order ext-deqing-${today} was recorded already`
      : `demo: extension order ext-deqing-${today}: dq-cremator-1 works 06:00–22:00 today instead of 07:00–17:00 (延长火化时间)`,
  );
}

/** The Deqing cases holding a cold-storage slot, and the other cases under way. */
async function deqingCases(): Promise<CaseView[]> {
  return (await call('GET', `${FO}/funeral-cases?homeId=${DEQING}`, deqingStaff)) as CaseView[];
}

function freeSlots(cases: CaseView[], slots: number): number[] {
  const taken = new Set(cases.filter((c) => SLOT_HOLDING.includes(c.status) && c.slot).map((c) => c.slot));
  const free: number[] = [];
  for (let s = 1; s <= slots; s++) if (!taken.has(s)) free.push(s);
  return free;
}

/** Refusals meaning the case or the home moved on since it was read (by hand, or a run side by side). */
const MOVED_ON = [
  'AlreadyDispatched',
  'NotDispatched',
  'AlreadyStored',
  'NotPickedUp',
  'CaseClosed',
  'AlreadyCremated',
  'InvalidMove',
  'VehicleOnAnotherRun',
  'VehicleOutOfService',
  'SlotOccupied',
  'CdcHandoverRequired',
];

/**
 * Moves a case along to cold storage: dispatch (if needed), pick-up (if needed), storage. Answers
 * the refusal when the case, the vehicle or the slot is not as read; the caller reads the home again.
 */
async function bringIn(c: CaseView, vehicleId: string, place: string, slot: number) {
  const url = `${FO}/funeral-cases/${c.caseId}`;
  if (c.status === 'requested') {
    const r = await attempt('POST', `${url}/dispatch`, deqingStaff, { vehicleId, why: '调度派车接运' }, MOVED_ON);
    if (!r.ok) return r.refusal;
  }
  if (c.status === 'requested' || c.status === 'dispatched') {
    const r = await attempt('POST', `${url}/pick-up`, deqingStaff, { place }, MOVED_ON);
    if (!r.ok) return r.refusal;
  }
  const r = await attempt('POST', `${url}/storage`, deqingStaff, { slot, why: '入冷藏柜待火化' }, MOVED_ON);
  return r.ok ? undefined : r.refusal;
}

/**
 * Fills the Deqing home's cold storage through the case API until occupancy reaches its
 * threshold (CapacityStrained), then shows the alternatives, the cremation queue's expected wait
 * and a farewell booking refused by the suspension order. Answers whether the home is strained.
 */
export async function strainAHome(today: string): Promise<boolean> {
  const home = await call('GET', `${FO}/funeral-homes/${DEQING}`, deqingStaff);
  const slots = home.coldStorageSlots as number;
  const vehicles = (home.equipment as { equipmentId: string; kind: string; inService: boolean }[]).filter((e) => e.kind === 'vehicle');
  const vehicleId = vehicles.find((e) => e.inService)?.equipmentId;
  const settings = (await call('GET', `${FO}/regional-settings?divisionCode=${home.divisionCode}`, county)) as {
    key: string;
    value: number;
  }[];
  const thresholdPercent = settings.find((s) => s.key === 'cold-storage-strained-percent')?.value ?? 90;
  const target = Math.min(slots, Math.ceil((slots * thresholdPercent) / 100));
  const horizonHours = settings.find((s) => s.key === 'backlog-horizon-hours')?.value ?? 24;

  let cases = await deqingCases();
  const holding = () => cases.filter((c) => SLOT_HOLDING.includes(c.status)).length;
  const byStatus = Object.entries(
    cases.reduce<Record<string, number>>((n, c) => ({ ...n, [c.statusLabel]: (n[c.statusLabel] ?? 0) + 1 }), {}),
  )
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
  console.log(
    `demo: ${home.name} holds ${holding()} of ${slots} cold-storage slots${byStatus ? ` (its cases: ${byStatus})` : ''}; it counts as strained from ${thresholdPercent}% (${target} bodies)`,
  );

  // a run stopped half-way left a body on the way: bring it in first (the vehicle is busy with it)
  for (const c of cases.filter((x) => (x.status === 'dispatched' || x.status === 'picked-up') && !x.infectious)) {
    const slot = freeSlots(cases, slots)[0];
    if (slot === undefined) break;
    const refused = await bringIn(c, c.vehicleId ?? vehicleId ?? '', '德清县', slot);
    if (refused) noted(`case ${c.caseId} (${c.statusLabel}) could not be stored in slot ${slot}`, refused, 'reading the home again');
    else console.log(`demo: case ${c.caseId} was still on its way (${c.statusLabel}); now stored in slot ${slot}`);
    cases = await deqingCases();
  }

  let stopped: string | undefined;
  if (holding() >= target) {
    console.log(`demo: ${home.name}'s cold storage is full enough already (${holding()} of ${slots}, from an earlier run); no cases added`);
  } else if (!vehicleId) {
    stopped = `${home.name} has no vehicle in service (${vehicles.map((v) => v.equipmentId).join(', ') || 'none registered'} out of service)`;
  } else {
    // one body at a time: the only vehicle is on its run until the body is in cold storage;
    // a direct intake a stopped run left waiting for its vehicle goes first
    for (let i = 0, refusals = 0; holding() < target; i++) {
      const slot = freeSlots(cases, slots)[0];
      if (slot === undefined) {
        stopped = `no free cold-storage slot left although only ${holding()} are held`;
        break;
      }
      const waiting = cases.find((c) => c.status === 'requested' && c.origin === 'direct' && !c.infectious);
      const d = DECEASED[(slot - 1) % DECEASED.length];
      const made =
        waiting ??
        ((await call('POST', `${FO}/funeral-cases`, deqingStaff, {
          homeId: DEQING,
          deceased: { name: d.name, idNumber: demoIdNumber(d.birthDate, 900 + slot) },
          diedAt: new Date(Date.now() - (3 + i) * 3_600_000).toISOString(),
          infectious: false,
          place: d.place,
          family: { name: '演示家属', phone: '13800005' + String(100 + slot) },
          why: '家属来电报丧（演示）',
        })) as CaseView);
      const refused = await bringIn(made, vehicleId, d.place, slot);
      if (refused) {
        noted(`case ${made.caseId} could not be brought to slot ${slot}`, refused, 'reading the home again');
        if (++refusals >= 3) {
          stopped = `the home kept changing under the demo (${refused.error})`;
          break;
        }
      } else {
        console.log(
          `demo: case ${made.caseId} (${made.deceased?.name}${made.deceased?.idNumber ? `, ID ${made.deceased.idNumber}` : ''}): ${waiting ? 'waiting for a vehicle since its intake' : 'intake'} → ${vehicleId} dispatched → picked up at ${d.place} → cold-storage slot ${slot}`,
        );
      }
      cases = await deqingCases();
    }
  }

  if (stopped) console.log(`demo: ${stopped}; the cold storage stays at ${holding()} of ${slots}`);

  // the capacity episode: the move re-evaluates the home; a sweep does if nothing has yet
  const strainedNow = async () => {
    const region = await call('GET', `${FO}/capacity?divisionCode=3305`, city);
    const row = (
      region.homes as {
        homeId: string;
        coldStorage: { occupied: number; slots: number; ratio: number };
        strained: Record<string, boolean>;
      }[]
    ).find((h) => h.homeId === DEQING);
    return row?.strained['cold-storage'] ? { row, totals: region.totals } : undefined;
  };
  let capacity = await strainedNow();
  if (!capacity && holding() >= target) {
    await call('POST', `${FO}/capacity/sweep`, city);
    capacity = await waitUntil(`${DEQING} to show as strained`, strainedNow, 30_000);
  }
  if (capacity) {
    console.log(
      `demo: GET /capacity?divisionCode=3305: ${DEQING} cold storage ${capacity.row.coldStorage.occupied}/${capacity.row.coldStorage.slots} (${Math.round(capacity.row.coldStorage.ratio * 100)}%) → strained (CapacityStrained); ` +
        `湖州 has ${capacity.totals.strainedHomes} strained home(s) of ${capacity.totals.homes}, ${capacity.totals.coldStorage.occupied}/${capacity.totals.coldStorage.slots} slots in use`,
    );
  } else {
    console.log(`demo: ${home.name} holds ${holding()} of ${slots} cold-storage slots: not strained, no CapacityStrained now`);
  }

  const alt = await call('GET', `${FO}/funeral-homes/${DEQING}/alternatives`, deqingStaff);
  const proposals = (alt.alternatives as { homeId: string; name: string; freeSlots: number; expectedWaitMinutes: number | null }[])
    .map((a) => `${a.name} (${a.homeId}, ${a.freeSlots} free slots, cremation wait ${a.expectedWaitMinutes ?? '?'} min)`)
    .join('; ');
  console.log(`demo: alternatives to ${DEQING} in city ${alt.region}: ${proposals || 'none with room'}`);

  const queue = await call('GET', `${FO}/funeral-homes/${DEQING}/cremation-queue`, deqingStaff);
  console.log(
    `demo: ${DEQING}'s cremation queue: ${queue.waiting.length} bodies in cold storage not yet booked, ${queue.placed.length} cremation(s) placed; the next free cremator slot is in ${queue.expectedWaitMinutes ?? 'unknown'} min ` +
      `(${queue.cremationMinutes} min per cremation; ${queue.backlog.hoursQueued} h of work queued against ${queue.backlog.hoursAvailable} h of cremator time in the next ${horizonHours} h)`,
  );

  await aFarewell(today);
  return !!capacity;
}

/** A family asks for a farewell (遗体告别) tomorrow: refused while the county's order stands; once booked, found again. */
async function aFarewell(today: string): Promise<void> {
  const tomorrow = addDays(today, 1);
  const startsAt = `${tomorrow}T09:00:00+08:00`;
  const booked = (
    (await call('GET', `${FO}/funeral-homes/${DEQING}/ceremony-bookings`, deqingStaff)) as {
      bookingId: string;
      kind: string;
      hall: string;
      startsAt: string;
      status: string;
    }[]
  ).find((b) => b.kind === 'farewell' && b.hall === '告别厅' && new Date(b.startsAt).getTime() === new Date(startsAt).getTime());
  if (booked) {
    console.log(
      `demo: the farewell at ${DEQING} for ${tomorrow} 09:00 was booked on an earlier run (${booked.bookingId}, ${booked.status})`,
    );
    return;
  }
  const booking = await attempt(
    'POST',
    `${FO}/funeral-homes/${DEQING}/ceremony-bookings`,
    deqingStaff,
    {
      kind: 'farewell',
      startsAt,
      endsAt: `${tomorrow}T10:00:00+08:00`,
      hall: '告别厅',
      familyContact: { name: '演示家属', phone: '13800005999' },
    },
    ['CeremonySuspended'],
  );
  console.log(
    booking.ok
      ? `demo: farewell booking at ${DEQING} for ${tomorrow} 09:00 was accepted (${booking.body.bookingId}): the suspension order ${SUSPENSION_ORDER} is no longer in force`
      : `demo: farewell booking at ${DEQING} for ${tomorrow} 09:00 refused: 409 ${booking.refusal.error} naming order ${booking.refusal.details?.orderId ?? '?'} — ${booking.refusal.message}`,
  );
}
