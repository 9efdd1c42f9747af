import {
  addMember,
  checkClearance,
  clearanceDueDate,
  clearedChanges,
  emptyRoll,
  rollCounts,
  setMemberStatus,
  StaffRoll,
} from './staff-roll';

const T0 = new Date('2026-03-02T02:00:00Z');
const member = (staffId: string, status: 'vaccinated' | 'unvaccinated' | 'contraindicated') => ({
  staffId,
  nameCipher: 'v1:a:b:c',
  category: 'employee' as const,
  vaccination: { status, recordedAt: T0, recordedBy: 's' },
  addedAt: T0,
});

function roll(...members: ReturnType<typeof member>[]): StaffRoll {
  return members.reduce(
    (r, m) => addMember(r, m, T0),
    emptyRoll(
      'unit:u-1',
      { kind: 'unit', unitId: 'u-1', unitType: 'elderly-care-home' },
      { divisionCode: '330521101', divisionAncestors: [] },
      T0,
    ),
  );
}

describe('seed 004 除有禁忌症外实行应种人员接种清零: a staff roll', () => {
  it('counts the contraindicated out of the eligible; the unvaccinated eligible must reach zero', () => {
    expect(rollCounts(roll(member('a', 'vaccinated'), member('b', 'unvaccinated'), member('c', 'contraindicated')))).toEqual({
      members: 3,
      eligible: 2,
      vaccinated: 1,
      contraindicated: 1,
      unvaccinatedEligible: 1,
    });
  });

  it('reads the due date setting as YYYYMMDD, 0 or an impossible date meaning none', () => {
    expect(clearanceDueDate(20260331)).toBe('2026-03-31');
    expect(clearanceDueDate(0)).toBeNull();
    expect(clearanceDueDate(20260230)).toBeNull();
    expect(clearanceDueDate(2026033)).toBeNull();
  });

  it('is signalled once per due date, only after the due day, only while someone eligible is unvaccinated', () => {
    const r = roll(member('a', 'unvaccinated'));
    expect(checkClearance(r, null, '2026-04-01', T0)).toBeUndefined();
    expect(checkClearance(r, '2026-03-31', '2026-03-31', T0)).toBeUndefined();
    const signalled = checkClearance(r, '2026-03-31', '2026-04-01', T0)!;
    expect(signalled.changes).toEqual([{ kind: 'not-cleared', dueDate: '2026-03-31', detectedAt: T0 }]);
    expect(checkClearance(signalled.roll, '2026-03-31', '2026-04-02', T0)).toBeUndefined();
    expect(checkClearance(roll(member('a', 'contraindicated')), '2026-03-31', '2026-04-01', T0)).toBeUndefined();
  });

  it('answers a signal once when it reaches zero, and not without a signal', () => {
    const signalled = checkClearance(roll(member('a', 'unvaccinated')), '2026-03-31', '2026-04-01', T0)!.roll;
    const done = clearedChanges(setMemberStatus(signalled, 'a', 'vaccinated', 's', T0), T0);
    expect(done.changes).toEqual([{ kind: 'cleared', dueDate: '2026-03-31', clearedAt: T0 }]);
    expect(clearedChanges(done.roll, T0).changes).toEqual([]);
    expect(clearedChanges(setMemberStatus(roll(member('a', 'unvaccinated')), 'a', 'vaccinated', 's', T0), T0).changes).toEqual([]);
  });
});
