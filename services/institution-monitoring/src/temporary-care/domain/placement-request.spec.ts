import { PlacementRequest, refusalFor, released, residentIdFor } from './placement-request';

const base: PlacementRequest = {
  requestKey: 'cp-1:1',
  placementId: 'cp-1',
  requestNo: 1,
  unitId: 'u-1',
  childRef: 'p-1',
  childDivisionCode: '330521101',
  divisionCode: '330521',
  outcome: 'admitted',
  reason: null,
  residentId: 'r-cp-1',
  isolated: false,
  answeredAt: new Date('2026-03-04T03:00:00Z'),
  endedAt: null,
  dischargedAt: null,
  dischargeHeld: null,
};

describe('placement request', () => {
  it('only an active, open unit for children takes a child', () => {
    expect(refusalFor(undefined)).toBe('unit-unknown');
    expect(refusalFor({ unitType: 'elderly-care-home', status: 'open', active: true })).toBe('unit-not-for-children');
    expect(refusalFor({ unitType: 'child-welfare-home', status: 'open', active: false })).toBe('unit-inactive');
    expect(refusalFor({ unitType: 'minors-protection-centre', status: 'closed', active: true })).toBe('unit-closed');
    expect(refusalFor({ unitType: 'child-welfare-home', status: 'open', active: true })).toBeNull();
    expect(refusalFor({ unitType: 'minors-protection-centre', status: 'open', active: true })).toBeNull();
  });

  it('gives the same resident id for the same request', () => {
    expect(residentIdFor('cp-1', 1)).toBe(residentIdFor('cp-1', 1));
    expect(residentIdFor('cp-1', 2)).not.toBe(residentIdFor('cp-1', 1));
  });

  it('records the discharge once; a held discharge keeps the reason', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    const held = released(base, { held: 'isolated' }, now)!;
    expect(held).toEqual(expect.objectContaining({ endedAt: now, dischargedAt: null, dischargeHeld: 'isolated' }));
    expect(released(held, { held: 'isolated' }, now)).toBeUndefined();
    const done = released(held, { dischargedAt: now }, now)!;
    expect(done).toEqual(expect.objectContaining({ dischargedAt: now, dischargeHeld: null }));
    expect(released(done, { dischargedAt: now }, now)).toBeUndefined();
    expect(released({ ...base, outcome: 'refused', residentId: null }, { dischargedAt: now }, now)).toBeUndefined();
  });
});
