import { DomainError } from '@civil/kernel';
import { cancelPlacement, carryOut, holdPlacement, Placement, requestPlacement, resumePlacement } from './placement';

const now = new Date('2026-01-21T02:00:00Z');
const home = {
  unitId: 'u-cw',
  unitType: 'child-welfare-home' as const,
  status: 'open',
  closure: null,
  divisionCode: '330521001',
  divisionAncestors: ['33', '3305', '330521', '330521001'],
};
const closed = { ...home, status: 'closed', closure: { orderId: 'co-1' } };
const station = { ...home, unitId: 'u-rs', unitType: 'relief-station' as const };

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return undefined;
}

const adoption = (unit = home as typeof home | typeof closed): Placement =>
  requestPlacement(
    unit,
    { placementRef: 'pl-1', kind: 'adoption-placement', subjectRef: 'child-7', scheduledDate: '2026-02-05' },
    '2026-01-21',
    'staff',
    now,
  );

describe('placements stopped by closed management (暂停送养 / 暂停送返寻亲)', () => {
  it('schedules an adoption at a child welfare home and a return to the family at a relief station, nowhere else', () => {
    expect(adoption()).toMatchObject({ status: 'scheduled', kind: 'adoption-placement', holds: [] });
    expect(
      requestPlacement(
        station,
        { placementRef: 'pl-2', kind: 'family-return', subjectRef: 'r-3', scheduledDate: '2026-01-21' },
        '2026-01-21',
        's',
        now,
      ).status,
    ).toBe('scheduled');
    expect(code(() => adoption(station as unknown as typeof home))).toBe('PlacementNotOffered');
    expect(
      code(() =>
        requestPlacement(
          home,
          { placementRef: 'p', kind: 'adoption-placement', subjectRef: 'c', scheduledDate: '2026-01-20' },
          '2026-01-21',
          's',
          now,
        ),
      ),
    ).toBe('ScheduledInPast');
  });

  it('refuses a request while the unit is closed, naming the order', () => {
    try {
      adoption(closed);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('UnitClosed');
      expect((e as DomainError).message).toContain('co-1');
      expect((e as DomainError).message).toContain('暂停送养');
    }
  });

  it('holds a scheduled placement when the unit closes and schedules it again when it reopens, once each', () => {
    const p = adoption();
    const held = holdPlacement(p, 'co-1', now)!;
    expect(held.next).toMatchObject({ status: 'on-hold', holds: [{ closureOrderId: 'co-1', heldAt: now }] });
    expect(held.changes).toEqual([{ type: 'held', at: now }]);
    expect(holdPlacement(held.next, 'co-1', now)).toBeUndefined();
    expect(code(() => carryOut(held.next, home, now))).toBe('PlacementNotScheduled');
    const later = new Date('2026-03-01T00:00:00Z');
    const resumed = resumePlacement(held.next, 'ro-1', later)!;
    expect(resumed.next).toMatchObject({
      status: 'scheduled',
      holds: [{ closureOrderId: 'co-1', reopenOrderId: 'ro-1', resumedAt: later }],
    });
    expect(resumePlacement(resumed.next, 'ro-1', later)).toBeUndefined();
    expect(carryOut(resumed.next, home, later).status).toBe('carried-out');
  });

  it('never carries a placement out while the unit is closed, and lets a held one be cancelled', () => {
    const p = adoption();
    expect(code(() => carryOut(p, closed, now))).toBe('UnitClosed');
    const held = holdPlacement(p, 'co-1', now)!.next;
    expect(cancelPlacement(held, '收养家庭放弃', 'staff', now).status).toBe('cancelled');
    const done = carryOut(p, home, now);
    expect(code(() => cancelPlacement(done, 'x', 'staff', now))).toBe('PlacementNotScheduled');
    expect(holdPlacement(done, 'co-1', now)).toBeUndefined();
  });
});
