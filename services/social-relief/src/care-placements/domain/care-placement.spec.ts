import {
  admitted,
  CarePlacement,
  endPlacement,
  followUpOverdue,
  markOverdue,
  nextCarerVisitDue,
  openPlacement,
  opensPlacement,
  placeWithCarer,
  recordCarerVisit,
  recordFollowUp,
  refused,
  requestUnit,
  unitToRelease,
} from './care-placement';

const H = 60 * 60 * 1000;
const t0 = new Date('2026-03-04T03:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);

function open(): CarePlacement {
  return openPlacement(
    {
      placementId: 'cp-1',
      entryId: 'kp-330521101-1',
      townshipCode: '330521101',
      childRef: 'p-1',
      divisionCode: '330521101',
      divisionAncestors: ['33', '3305', '330521', '330521101'],
      categories: ['left-behind-child'],
      cause: 'guardian-isolated',
      openedAt: t0,
      openedBy: 'officer',
      limitHours: 24,
    },
    t0,
  );
}

const carer = {
  carer: { nameEnc: 'x', nameMasked: '王*', phoneEnc: null, phoneMasked: null, relation: '祖母' },
  visitCadenceDays: 3,
};

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('care placement', () => {
  it('opens only for a no-guardian flag with a cause on a child', () => {
    expect(opensPlacement('no-guardian', ['left-behind-child'], 'guardian-isolated')).toBe(true);
    expect(opensPlacement('no-guardian', ['orphan', 'severely-disabled'], 'guardian-hospitalised')).toBe(true);
    expect(opensPlacement('no-guardian', ['left-behind-child'], undefined)).toBe(false);
    expect(opensPlacement('safety-issue', ['left-behind-child'], 'guardian-isolated')).toBe(false);
    expect(opensPlacement('no-guardian', ['empty-nest-elderly'], 'guardian-isolated')).toBe(false);
  });

  it('is due within the limit from the flag', () => {
    const p = open();
    expect(p.status).toBe('needed');
    expect(p.dueAt.toISOString()).toBe(at(24).toISOString());
    expect(() => openPlacement({ ...p, limitHours: 0 }, t0)).toThrow(RangeError);
  });

  it('institution path: requested → admitted → placed; a second answer changes nothing', () => {
    const r = requestUnit(open(), 'u-1', 'officer', at(1));
    expect(r.placement.status).toBe('requested');
    expect(r.changes).toEqual([{ type: 'requested', request: expect.objectContaining({ requestNo: 1, unitId: 'u-1' }), at: at(1) }]);
    expect(code(() => requestUnit(r.placement, 'u-2', 'officer', at(2)))).toBe('RequestPending');
    expect(code(() => placeWithCarer(r.placement, carer, 'officer', at(2)))).toBe('RequestPending');
    const a = admitted(r.placement, 1, 'r-1', false, at(2), at(2))!;
    expect(a.placement.status).toBe('placed');
    expect(a.placement.care).toEqual(expect.objectContaining({ kind: 'institution', unitId: 'u-1', residentRef: 'r-1' }));
    expect(a.changes).toEqual([]);
    expect(admitted(a.placement, 1, 'r-1', false, at(3), at(3))).toBeUndefined();
    expect(refused(a.placement, 1, 'unit-closed', at(3), at(3))).toBeUndefined();
  });

  it('a refusal puts it back to needed; another unit may be asked', () => {
    const r = requestUnit(open(), 'u-1', 'officer', at(1));
    const f = refused(r.placement, 1, 'unit-closed', at(1), at(1))!;
    expect(f.placement.status).toBe('needed');
    expect(f.placement.requests[0]).toEqual(expect.objectContaining({ outcome: 'refused', refusalReason: 'unit-closed' }));
    const again = requestUnit(f.placement, 'u-2', 'officer', at(2));
    expect(again.placement.requests.map((q) => q.requestNo)).toEqual([1, 2]);
    expect(admitted(again.placement, 1, 'r-1', false, at(3), at(3))).toBeUndefined();
  });

  it('overdue once past the limit while not placed; the placement clears it', () => {
    const p = open();
    expect(markOverdue(p, at(24))).toBeUndefined();
    const o = markOverdue(p, at(25))!;
    expect(o.changes).toEqual([{ type: 'overdue', at: at(25) }]);
    expect(markOverdue(o.placement, at(26))).toBeUndefined();
    const placed = placeWithCarer(o.placement, carer, 'officer', at(27));
    expect(placed.changes).toEqual([{ type: 'overdue-cleared', outcome: 'placed', at: at(27) }]);
    expect(markOverdue(placed.placement, at(30))).toBeUndefined();
  });

  it('a late admission clears the overdue episode too', () => {
    const o = markOverdue(requestUnit(open(), 'u-1', 'officer', at(1)).placement, at(25))!;
    const a = admitted(o.placement, 1, 'r-1', true, at(26), at(26))!;
    expect(a.changes).toEqual([{ type: 'overdue-cleared', outcome: 'placed', at: at(26) }]);
  });

  it('entrusted carer: visits on a cadence, only while with the carer', () => {
    const placed = placeWithCarer(open(), carer, 'officer', at(2)).placement;
    expect(nextCarerVisitDue(placed)?.toISOString()).toBe(at(2 + 72).toISOString());
    const visited = recordCarerVisit(placed, { visitedAt: at(10), visitor: 'cadre', findings: '照料良好' }, at(11));
    expect(nextCarerVisitDue(visited)?.toISOString()).toBe(at(10 + 72).toISOString());
    expect(code(() => recordCarerVisit(placed, { visitedAt: at(20), visitor: 'c', findings: 'x' }, at(11)))).toBe('VisitInFuture');
    const inUnit = admitted(requestUnit(open(), 'u-1', 'o', at(1)).placement, 1, 'r-1', false, at(2), at(2))!.placement;
    expect(code(() => recordCarerVisit(inUnit, { visitedAt: at(3), visitor: 'c', findings: 'x' }, at(3)))).toBe('NotWithCarer');
    expect(nextCarerVisitDue(inUnit)).toBeNull();
  });

  it('ends when the guardian returns; the unit is told; the follow-up is due within the days', () => {
    const inUnit = admitted(requestUnit(open(), 'u-1', 'o', at(1)).placement, 1, 'r-1', false, at(2), at(2))!.placement;
    const e = endPlacement(inUnit, 'guardian-returned', 7, 'officer', at(100));
    expect(e.placement.status).toBe('ended');
    expect(e.changes).toEqual([{ type: 'ended', at: at(100) }]);
    expect(unitToRelease(e.placement)).toEqual({ unitId: 'u-1', requestNo: 1 });
    expect(e.placement.followUpDueAt?.toISOString()).toBe(at(100 + 7 * 24).toISOString());
    expect(followUpOverdue(e.placement, at(100 + 7 * 24))).toBe(false);
    expect(followUpOverdue(e.placement, at(100 + 7 * 24 + 1))).toBe(true);
    expect(code(() => endPlacement(e.placement, 'guardian-returned', 7, 'o', at(101)))).toBe('PlacementNotInState');
    expect(code(() => recordFollowUp(e.placement, { visitId: 'v', visitedAt: at(99), recordedAt: at(101), by: 'c' }, at(101)))).toBe(
      'FollowUpBeforeEnd',
    );
    const f = recordFollowUp(e.placement, { visitId: 'kp-1:v1', visitedAt: at(120), recordedAt: at(121), by: 'c' }, at(121));
    expect(f.status).toBe('followed-up');
    expect(followUpOverdue(f, at(1000))).toBe(false);
    expect(code(() => recordFollowUp(f, { visitId: 'v', visitedAt: at(130), recordedAt: at(131), by: 'c' }, at(131)))).toBe(
      'PlacementNotInState',
    );
  });

  it('an end before any placement clears the overdue episode and releases a unit whose answer is pending', () => {
    const o = markOverdue(requestUnit(open(), 'u-1', 'o', at(1)).placement, at(25))!;
    const e = endPlacement(o.placement, 'guardian-returned', 7, 'o', at(30));
    expect(e.changes).toEqual([
      { type: 'ended', at: at(30) },
      { type: 'overdue-cleared', outcome: 'ended', at: at(30) },
    ]);
    expect(unitToRelease(e.placement)).toEqual({ unitId: 'u-1', requestNo: 1 });
    // the unit admits after the end: recorded on the request, the placement stays ended
    const late = admitted(e.placement, 1, 'r-1', false, at(31), at(31))!;
    expect(late.placement.status).toBe('ended');
    expect(late.placement.requests[0].outcome).toBe('admitted');
    expect(unitToRelease(endPlacement(open(), 'guardian-returned', 7, 'o', at(2)).placement)).toBeNull();
  });

  it('is not placed with a carer once ended', () => {
    const e = endPlacement(open(), 'guardian-returned', 7, 'o', at(2)).placement;
    expect(code(() => placeWithCarer(e, carer, 'o', at(3)))).toBe('PlacementNotInState');
    expect(code(() => requestUnit(e, 'u-1', 'o', at(3)))).toBe('PlacementNotInState');
  });
});
