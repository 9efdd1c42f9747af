import type { FuneralCaseStatus } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import {
  ceremonyAllowed,
  checkMove,
  claimIsStale,
  cremateByOf,
  FuneralCase,
  holdsBooking,
  IN_FLIGHT_GRACE_MS,
  intakeEntry,
  leastLoaded,
  move,
} from './funeral-case';

const now = new Date('2026-03-06T02:00:00Z');
function aCase(status: FuneralCaseStatus, extra: Partial<FuneralCase> = {}): FuneralCase {
  return {
    caseId: 'fc-1',
    homeId: 'home-1',
    divisionCode: '330521',
    divisionAncestors: ['33', '3305', '330521'],
    status,
    origin: 'direct',
    deathId: null,
    unitId: null,
    residentRef: null,
    diedAt: now,
    infectious: false,
    disease: null,
    cremateBy: null,
    deadlineAtRisk: false,
    cdc: null,
    deceased: null,
    family: null,
    personKey: null,
    vehicleId: null,
    slot: null,
    cremation: null,
    cremationLog: null,
    release: null,
    cancellation: null,
    feeWaiver: { waived: false, register: null, basis: 'no-person-key', statusChangedAt: null, decidedAt: now },
    custody: [intakeEntry({ kind: 'place', ref: 'x' }, 'dispatcher', now, 'intake')],
    createdAt: now,
    ...extra,
  };
}
const codeOf = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
};

describe('the funeral case state machine and custody log', () => {
  it('walks intake → released, one custody entry per move (where, who, when, why)', () => {
    let c = aCase('requested');
    const path: [FuneralCaseStatus, string][] = [
      ['dispatched', 'vehicle'],
      ['picked-up', 'vehicle'],
      ['stored', 'slot'],
      ['scheduled', 'cremator'],
      ['cremated', 'cremator'],
      ['released', 'receiver'],
    ];
    for (const [to, kind] of path) c = move(c, to, { where: { kind: kind as never, ref: 'r' }, who: 'staff-1', at: now, why: `to ${to}` });
    expect(c.status).toBe('released');
    expect(c.custody.map((e) => [e.seq, e.from, e.to])).toEqual([
      [0, null, 'requested'],
      [1, 'requested', 'dispatched'],
      [2, 'dispatched', 'picked-up'],
      [3, 'picked-up', 'stored'],
      [4, 'stored', 'scheduled'],
      [5, 'scheduled', 'cremated'],
      [6, 'cremated', 'released'],
    ]);
  });

  it('refuses impossible moves, naming the rule', () => {
    expect(codeOf(() => checkMove(aCase('requested'), 'cremated'))).toBe('NotInCustody');
    expect(codeOf(() => checkMove(aCase('dispatched'), 'cremated'))).toBe('NotInCustody');
    expect(codeOf(() => checkMove(aCase('stored'), 'cremated'))).toBe('NotScheduled');
    expect(codeOf(() => checkMove(aCase('scheduled'), 'released'))).toBe('ReleaseBeforeCremation');
    expect(codeOf(() => checkMove(aCase('requested'), 'stored'))).toBe('NotPickedUp');
    expect(codeOf(() => checkMove(aCase('picked-up'), 'scheduled'))).toBe('NotStored');
    expect(codeOf(() => checkMove(aCase('cremated'), 'cancelled'))).toBe('AlreadyCremated');
    expect(codeOf(() => checkMove(aCase('released'), 'dispatched'))).toBe('CaseClosed');
    expect(codeOf(() => checkMove(aCase('requested', { homeId: null }), 'dispatched'))).toBe('CaseUnassigned');
  });

  it('infectious protocol: straight from pick-up to cremation, a deadline from the death, no ceremony', () => {
    expect(() => checkMove(aCase('picked-up', { infectious: true }), 'scheduled')).not.toThrow();
    expect(cremateByOf(now, true, 24)).toEqual(new Date('2026-03-07T02:00:00Z'));
    expect(cremateByOf(now, false, 24)).toBeNull();
    expect(ceremonyAllowed({ infectious: true })).toBe(false);
    expect(ceremonyAllowed({ infectious: false })).toBe(true);
  });

  it('chooses the least-loaded home, then the lower id', () => {
    const load: Record<string, number> = { b: 0.2, a: 0.2, c: 0.1 };
    expect(leastLoaded([{ homeId: 'a' }, { homeId: 'b' }, { homeId: 'c' }], (h) => load[h.homeId])!.homeId).toBe('c');
    expect(leastLoaded([{ homeId: 'b' }, { homeId: 'a' }], () => 0)!.homeId).toBe('a');
    expect(leastLoaded([], () => 0)).toBeNull();
  });

  it('a claim is stale once its case is gone, moved on or holds another; a claim being written is not, within the grace', () => {
    const slot = { kind: 'slot' as const, homeId: 'home-1', ref: '3', at: now };
    const vehicle = { kind: 'vehicle' as const, homeId: 'home-1', ref: 'v1', at: now };
    const later = new Date(now.getTime() + IN_FLIGHT_GRACE_MS + 1);
    expect(claimIsStale(aCase('stored', { slot: 3 }), slot, later)).toBe(false);
    expect(claimIsStale(aCase('scheduled', { slot: 3 }), slot, later)).toBe(false);
    expect(claimIsStale(aCase('stored', { slot: 4 }), slot, now)).toBe(true);
    expect(claimIsStale(aCase('cremated', { slot: 3 }), slot, now)).toBe(true);
    expect(claimIsStale(aCase('cancelled', { slot: 3 }), slot, now)).toBe(true);
    expect(claimIsStale(null, slot, now)).toBe(true);
    expect(claimIsStale(aCase('picked-up'), slot, now)).toBe(false);
    expect(claimIsStale(aCase('picked-up'), slot, later)).toBe(true);
    expect(claimIsStale(aCase('dispatched', { vehicleId: 'v1' }), vehicle, later)).toBe(false);
    expect(claimIsStale(aCase('stored', { vehicleId: 'v1', slot: 3 }), vehicle, now)).toBe(true);
    expect(claimIsStale(aCase('requested'), vehicle, now)).toBe(false);
    expect(claimIsStale(aCase('requested'), vehicle, later)).toBe(true);
  });

  it('a case holds the cremation booking of its placement only', () => {
    const start = new Date('2026-03-07T00:00:00Z');
    const c = aCase('scheduled', { cremation: { crematorId: 'c1', start, end: new Date('2026-03-07T01:30:00Z'), day: '2026-03-07' } });
    expect(holdsBooking(c, '2026-03-07', { caseId: 'fc-1', crematorId: 'c1', start })).toBe(true);
    expect(holdsBooking(c, '2026-03-07', { caseId: 'fc-1', crematorId: 'c1', start: new Date('2026-03-07T01:30:00Z') })).toBe(false);
    expect(holdsBooking({ ...c, status: 'cancelled' }, '2026-03-07', { caseId: 'fc-1', crematorId: 'c1', start })).toBe(false);
  });
});
