import { addEquipment, addExtension, addStaff, crematorHoursOn, homeView, newHome, setInService } from './funeral-home';

const base = newHome(
  {
    homeId: 'h1',
    name: '德清县殡仪馆',
    divisionCode: '330521',
    openingHours: { start: '07:00', end: '18:00' },
    coldStorageSlots: 40,
    bodyCarts: 20,
    crowdedAreas: ['告别厅'],
  },
  new Date('2026-03-01T00:00:00Z'),
);
const home = addEquipment(
  addEquipment(base, { equipmentId: 'c1', kind: 'cremator', name: '1号炉', hours: { start: '06:00', end: '18:00' } }),
  {
    equipmentId: 'c2',
    kind: 'cremator',
    name: '2号炉',
    hours: { start: '08:00', end: '16:00' },
  },
);
const ext = (orderId: string, crematorIds: string[], from: string, to: string, start: string, end: string) => ({
  orderId,
  crematorIds,
  from,
  to,
  hours: { start, end },
  reason: '延长火化时间',
  orderedBy: 'o',
  orderedAt: new Date(),
});

describe('funeral home', () => {
  it('gives a cremator its regular hours on a day without orders', () => {
    expect(crematorHoursOn(home, 'c1', '2026-03-05')).toEqual({ start: '06:00', end: '18:00' });
  });

  it('widens the hours by an extension order in force that day, for the cremators it names', () => {
    const h = addExtension(home, ext('x1', ['c1'], '2026-03-05', '2026-03-07', '05:00', '22:00'));
    expect(crematorHoursOn(h, 'c1', '2026-03-05')).toEqual({ start: '05:00', end: '22:00' });
    expect(crematorHoursOn(h, 'c1', '2026-03-08')).toEqual({ start: '06:00', end: '18:00' });
    expect(crematorHoursOn(h, 'c2', '2026-03-05')).toEqual({ start: '08:00', end: '16:00' });
  });

  it('an order naming no cremator applies to all; overlapping orders take the widest bounds', () => {
    const h = addExtension(
      addExtension(home, ext('x1', [], '2026-03-05', '2026-03-05', '07:00', '20:00')),
      ext('x2', ['c2'], '2026-03-05', '2026-03-05', '09:00', '24:00'),
    );
    expect(crematorHoursOn(h, 'c2', '2026-03-05')).toEqual({ start: '07:00', end: '24:00' });
  });

  it('refuses bad hours, duplicate equipment and duplicate orders', () => {
    expect(() => addEquipment(home, { equipmentId: 'c3', kind: 'cremator', name: 'x', hours: { start: '18:00', end: '06:00' } })).toThrow(
      /start before end/,
    );
    expect(() => addEquipment(home, { equipmentId: 'c1', kind: 'vehicle', name: 'x', hours: null })).toThrow(/already/);
    const h = addExtension(home, ext('x1', [], '2026-03-05', '2026-03-05', '07:00', '20:00'));
    expect(() => addExtension(h, ext('x1', [], '2026-03-06', '2026-03-06', '07:00', '20:00'))).toThrow(/already/);
  });

  it('takes equipment out of service for a fault and back', () => {
    const out = setInService(home, 'c1', false, 'f1');
    expect(out.equipment[0]).toMatchObject({ inService: false, openFaultId: 'f1' });
    expect(setInService(out, 'c1', true, null).equipment[0]).toMatchObject({ inService: true, openFaultId: null });
  });

  it('stays out of service while any out-of-service fault is open, whichever is repaired first; repeats change nothing', () => {
    const two = setInService(setInService(setInService(home, 'c1', false, 'f1'), 'c1', false, 'f2'), 'c1', false, 'f2');
    expect(two.equipment[0]).toMatchObject({ inService: false, openFaultIds: ['f1', 'f2'], openFaultId: 'f1' });
    const second = setInService(two, 'c1', true, 'f2');
    expect(second.equipment[0]).toMatchObject({ inService: false, openFaultIds: ['f1'], openFaultId: 'f1' });
    expect(setInService(second, 'c1', true, 'f2').equipment[0]).toMatchObject({ inService: false, openFaultIds: ['f1'] });
    expect(setInService(second, 'c1', true, 'f1').equipment[0]).toMatchObject({ inService: true, openFaultIds: [], openFaultId: null });
  });

  it('stores a staff member’s name encrypted and masked, and shows only the masked name', () => {
    const h = addStaff(home, { staffId: 's1', name: '王建国', role: 'operator', recalledRetiree: true }, (n) => `enc(${n})`);
    expect(h.staff[0]).toEqual({
      staffId: 's1',
      nameEnc: 'enc(王建国)',
      nameMasked: '王**',
      role: 'operator',
      recalledRetiree: true,
      active: true,
    });
    expect(JSON.stringify(h.staff[0])).not.toContain('"王建国"');
    expect(homeView(h).staff[0]).toEqual({
      staffId: 's1',
      name: '王**',
      role: 'operator',
      roleLabel: '火化操作工',
      recalledRetiree: true,
      active: true,
    });
  });
});
