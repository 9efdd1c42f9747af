import { addEquipment, addStaff, FuneralHome, newHome, setInService } from '../../homes/domain/funeral-home';
import {
  addCheck,
  checkCheckers,
  checkDeadline,
  checkState,
  emptyMaintenanceDay,
  findMissedChecks,
  MaintenanceCheck,
  MaintenanceDay,
  newFault,
  recordMissed,
  repairFault,
} from './maintenance';

const DAY = '2026-03-06';
const t = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+08:00`);

function home(): FuneralHome {
  let h = newHome(
    {
      homeId: 'h1',
      name: '德清殡仪馆',
      divisionCode: '330521',
      openingHours: { start: '07:00', end: '18:00' },
      coldStorageSlots: 10,
      bodyCarts: 4,
      crowdedAreas: ['告别厅'],
    },
    t('00:00', '2026-03-01'),
  );
  h = addEquipment(h, { equipmentId: 'v1', kind: 'vehicle', name: '接运车1', hours: null });
  h = addEquipment(h, { equipmentId: 'c1', kind: 'cremator', name: '火化炉1', hours: { start: '06:00', end: '20:00' } });
  h = addStaff(h, { staffId: 's1', name: '张工', role: 'operator', recalledRetiree: false }, (n) => `enc:${n}`);
  h = addStaff(h, { staffId: 'e1', name: '李工', role: 'resident-engineer', recalledRetiree: false }, (n) => `enc:${n}`);
  return h;
}

function check(equipmentId: string, at: Date): MaintenanceCheck {
  return {
    checkId: `chk-${equipmentId}-${at.getTime()}`,
    equipmentId,
    kind: equipmentId.startsWith('c') ? 'cremator' : 'vehicle',
    checkedAt: at,
    staffId: 's1',
    engineerStaffId: null,
    items: ['制动'],
    result: 'ok',
    faultId: null,
    late: false,
    recordedBy: 'x',
  };
}

describe('daily maintenance checks', () => {
  it('is due at the regional hour, Beijing time (24 meaning midnight ending the day)', () => {
    expect(checkDeadline(DAY, 10).toISOString()).toBe('2026-03-06T02:00:00.000Z');
    expect(checkDeadline(DAY, 24).toISOString()).toBe('2026-03-06T16:00:00.000Z');
    expect(() => checkDeadline(DAY, 0)).toThrow(RangeError);
  });

  it('finds nothing missing until the deadline has passed, then every unchecked piece', () => {
    const h = home();
    expect(findMissedChecks(h, undefined, DAY, t('10:00'), 10)).toEqual([]); // at the deadline: not yet late
    expect(findMissedChecks(h, undefined, DAY, new Date(t('10:00').getTime() + 1), 10).map((e) => e.equipmentId)).toEqual(['v1', 'c1']);
  });

  it('counts a check made by the deadline (inclusive), not one made after it', () => {
    const h = home();
    let doc: MaintenanceDay = emptyMaintenanceDay(h, DAY);
    doc = addCheck(doc, check('v1', t('10:00')));
    doc = addCheck(doc, check('c1', t('10:30')));
    const missed = findMissedChecks(h, doc, DAY, t('11:00'), 10);
    expect(missed.map((e) => e.equipmentId)).toEqual(['c1']);
    expect(checkState(h.equipment[0], doc, checkDeadline(DAY, 10), t('11:00'))).toBe('checked');
    expect(checkState(h.equipment[1], doc, checkDeadline(DAY, 10), t('11:00'))).toBe('checked-late');
  });

  it('records each miss once: a second look finds nothing new', () => {
    const h = home();
    const now = t('12:00');
    const first = recordMissed(emptyMaintenanceDay(h, DAY), findMissedChecks(h, undefined, DAY, now, 10), now);
    expect(first.added.map((m) => m.equipmentId)).toEqual(['v1', 'c1']);
    expect(findMissedChecks(h, first.next, DAY, t('13:00'), 10)).toEqual([]);
    expect(recordMissed(first.next, h.equipment, now).added).toEqual([]);
  });

  it('exempts equipment out of service for an open fault', () => {
    const h = setInService(home(), 'c1', false, 'f1');
    expect(findMissedChecks(h, undefined, DAY, t('12:00'), 10).map((e) => e.equipmentId)).toEqual(['v1']);
    expect(checkState(h.equipment[1], undefined, checkDeadline(DAY, 10), t('12:00'))).toBe('exempt');
  });

  it('needs the resident engineer for a cremator, and active staff of the home', () => {
    const h = home();
    const [v1, c1] = h.equipment;
    expect(() => checkCheckers(h, c1, 's1', null)).toThrow(
      expect.objectContaining({ code: 'EngineerRequired', details: { field: 'engineerStaffId' } }),
    );
    expect(() => checkCheckers(h, c1, 's1', 's1')).toThrow(expect.objectContaining({ code: 'NotAResidentEngineer' }));
    expect(() => checkCheckers(h, v1, 'nobody', null)).toThrow(
      expect.objectContaining({ code: 'UnknownStaff', details: { field: 'staffId' } }),
    );
    expect(() => checkCheckers(h, c1, 's1', 'e1')).not.toThrow();
    expect(() => checkCheckers(h, v1, 's1', null)).not.toThrow();
  });

  it('allows one open out-of-service fault per equipment, and repairs a fault once', () => {
    const h = home();
    const fault = newFault(
      h,
      h.equipment[1],
      { faultId: 'f1', description: '点火失败', outOfService: true, checkId: null },
      's',
      t('08:00'),
    );
    const down = setInService(h, 'c1', false, 'f1');
    expect(() =>
      newFault(down, down.equipment[1], { faultId: 'f2', description: 'x', outOfService: true, checkId: null }, 's', t('09:00')),
    ).toThrow(expect.objectContaining({ kind: 'conflict', code: 'AlreadyOutOfService' }));
    expect(
      newFault(down, down.equipment[1], { faultId: 'f3', description: '观察窗裂纹', outOfService: false, checkId: null }, 's', t('09:00'))
        .status,
    ).toBe('open');
    const repaired = repairFault(fault, '更换点火器', 'e', t('12:00'));
    expect(repaired).toMatchObject({ status: 'repaired', repairedBy: 'e', repairNotes: '更换点火器' });
    expect(() => repairFault(repaired, null, 'e', t('13:00'))).toThrow(expect.objectContaining({ code: 'FaultNotOpen' }));
  });
});
