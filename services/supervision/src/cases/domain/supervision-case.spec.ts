import { DomainError } from '@civil/kernel';
import { DEFAULT_LADDERS, EscalationLadder, checkLadder } from '../../escalation-ladders/domain/escalation-ladder';
import { CASE_TYPES } from '@civil/contracts';
import { clearDay, clearItem, escalateByOfficer, escalateIfDue, openCase, recordOccurrence, resolveByOfficer } from './supervision-case';

const ladder: EscalationLadder = {
  caseType: 'report-missed',
  rungs: [
    { level: 'township', minutesToResolve: 60 },
    { level: 'county', minutesToResolve: 120 },
    { level: 'city', minutesToResolve: 240 },
    { level: 'province' },
  ],
};
const t0 = new Date('2026-03-02T02:00:00Z');
const min = (n: number) => new Date(t0.getTime() + n * 60_000);

function newCase() {
  return openCase(
    {
      caseId: 'c1',
      caseType: 'report-missed',
      subjectId: 'u-1',
      unitId: 'u-1',
      divisionCode: '330521101',
      divisionAncestors: ['33', '3305', '330521', '330521101'],
      item: '2026-03-02',
      eventId: 'e1',
      note: 'no report',
    },
    ladder,
    t0,
  );
}

describe('supervision case and its escalation ladder', () => {
  it('opens at the first rung with its deadline', () => {
    const c = newCase();
    expect(c).toMatchObject({ status: 'open', level: 'township', occurrences: 1, outstanding: ['2026-03-02'] });
    expect(c.nextEscalationAt).toEqual(min(60));
  });

  it('does not climb before the level’s time is up, climbs exactly at it', () => {
    const c = newCase();
    expect(escalateIfDue(c, ladder, min(59)).kind).toBe('none');
    const change = escalateIfDue(c, ladder, min(60));
    expect(change).toMatchObject({ kind: 'escalated', from: 'township', to: 'county' });
    expect(c.level).toBe('county');
    expect(c.nextEscalationAt).toEqual(min(180));
  });

  it('climbs rung by rung and stops at the top', () => {
    const c = newCase();
    const late = min(10_000);
    const steps = [
      escalateIfDue(c, ladder, late),
      escalateIfDue(c, ladder, late),
      escalateIfDue(c, ladder, late),
      escalateIfDue(c, ladder, late),
    ];
    expect(steps.map((s) => (s.kind === 'escalated' ? s.to : s.kind))).toEqual(['county', 'city', 'province', 'none']);
    expect(c.nextEscalationAt).toBeNull();
  });

  it('counts repeated misses on one case, once per day', () => {
    const c = newCase();
    expect(recordOccurrence(c, '2026-03-03', 'e2', min(1440), 'no report').kind).toBe('occurrence');
    expect(recordOccurrence(c, '2026-03-03', 'e2', min(1440), 'no report').kind).toBe('none');
    expect(c.occurrences).toBe(2);
    expect(c.outstanding).toEqual(['2026-03-02', '2026-03-03']);
  });

  it('is resolved when the last outstanding day is reported, and then never escalates', () => {
    const c = newCase();
    recordOccurrence(c, '2026-03-03', 'e2', min(10), 'no report');
    expect(clearDay(c, '2026-03-02', 'r1', min(20)).kind).toBe('day-cleared');
    expect(c.status).toBe('open');
    expect(clearDay(c, '2026-03-03', 'r2', min(30))).toEqual({ kind: 'resolved', resolution: 'late-report-received', eventId: 'r2' });
    expect(c).toMatchObject({ status: 'resolved', resolvingEventId: 'r2', nextEscalationAt: null });
    expect(() => escalateIfDue(c, ladder, min(1000))).toThrow(DomainError);
  });

  it('seed 004 (重要情况第一时间上报…厅值班室): an urgent symptom case starts at county and is reported to the province at once; a non-urgent one is not', () => {
    const symptom = DEFAULT_LADDERS['symptom-case'];
    const input = {
      caseId: 's',
      caseType: 'symptom-case' as const,
      subjectId: 'u',
      unitId: 'u',
      divisionCode: '330521101',
      divisionAncestors: [],
      item: 'sc-1',
      eventId: 'e',
      note: 'fever',
    };
    const urgent = openCase({ ...input, urgent: true }, symptom, t0);
    expect(urgent).toMatchObject({ level: 'county', reportedTo: 'province' });
    expect(openCase(input, symptom, t0).reportedTo).toBeNull();
    // climbing below the level already told keeps it told; once the case reaches it, that level simply holds it
    escalateIfDue(urgent, symptom, new Date(t0.getTime() + 120 * 60_000));
    expect(urgent).toMatchObject({ level: 'city', reportedTo: 'province' });
    escalateIfDue(urgent, symptom, new Date(t0.getTime() + 360 * 60_000));
    expect(urgent).toMatchObject({ level: 'province', reportedTo: null });
  });

  it('a region that reports urgent symptom cases to the city sets it on its own ladder', () => {
    const cityLadder = { ...DEFAULT_LADDERS['symptom-case'], reportAtOnceTo: 'city' as const };
    const urgent = openCase(
      {
        caseId: 's2',
        caseType: 'symptom-case',
        subjectId: 'u',
        unitId: 'u',
        divisionCode: '330521101',
        divisionAncestors: [],
        item: 'sc-1',
        eventId: 'e',
        note: 'fever',
        urgent: true,
      },
      cityLadder,
      t0,
    );
    expect(urgent.reportedTo).toBe('city');
  });

  it('clears items one by one, or all at once with *', () => {
    const c = newCase();
    recordOccurrence(c, 'x', 'e2', min(1), 'again');
    expect(clearItem(c, 'unknown', 'r0', min(2), { resolution: 'r', note: 'n' }).kind).toBe('none');
    expect(clearItem(c, '*', 'r1', min(3), { resolution: 'signed-off', note: 'n' })).toEqual({
      kind: 'resolved',
      resolution: 'signed-off',
      eventId: 'r1',
    });
    expect(clearItem(c, 'x', 'r2', min(4), { resolution: 'r', note: 'n' }).kind).toBe('none');
  });

  it('an officer resolves with a note, once; escalating or resolving a resolved case is a conflict', () => {
    const c = newCase();
    expect(resolveByOfficer(c, 'a1', 'o-330521', 'area disinfected, logged', min(5))).toMatchObject({
      kind: 'resolved',
      resolution: 'resolved-by-officer',
    });
    expect(c.history.at(-1)).toMatchObject({ action: 'resolved', by: 'o-330521' });
    expect(() => resolveByOfficer(c, 'a2', 'o', 'again', min(6))).toThrow('already resolved');
    expect(() => escalateByOfficer(c, ladder, 'o', 'r', min(6))).toThrow('cannot escalate');
  });

  it('an officer escalates one rung at once, restarting that rung’s clock; not past the top', () => {
    const c = newCase();
    expect(escalateByOfficer(c, ladder, 'o', '情况严重', min(5))).toMatchObject({
      kind: 'escalated',
      from: 'township',
      to: 'county',
      reason: '情况严重',
    });
    expect(c.nextEscalationAt).toEqual(min(125));
    escalateByOfficer(c, ladder, 'o', 'r', min(6));
    escalateByOfficer(c, ladder, 'o', 'r', min(7));
    expect(() => escalateByOfficer(c, ladder, 'o', 'r', min(8))).toThrow('top of its ladder');
  });

  it('a case held at a level the changed ladder no longer has climbs to the next rung above it', () => {
    const c = newCase(); // township, ladder township → county → city → province
    const changed: EscalationLadder = {
      caseType: 'report-missed',
      rungs: [{ level: 'county', minutesToResolve: 60 }, { level: 'province' }],
    };
    expect(escalateIfDue(c, changed, min(60))).toMatchObject({ kind: 'escalated', from: 'township', to: 'county' });
    c.level = 'city'; // held at city when the city rung was removed
    c.nextEscalationAt = min(100);
    expect(escalateIfDue(c, changed, min(100))).toMatchObject({ kind: 'escalated', from: 'city', to: 'province' });
  });

  it.each(CASE_TYPES.map((t) => [t]))('the default ladder of %s is valid and climbs to the top in finite time', (caseType) => {
    const l = checkLadder(DEFAULT_LADDERS[caseType]);
    const c = openCase(
      {
        caseId: 'c',
        caseType,
        subjectId: 's',
        unitId: null,
        divisionCode: '330521101',
        divisionAncestors: [],
        item: 'i',
        eventId: 'e',
        note: 'n',
      },
      l,
      t0,
    );
    const far = new Date(t0.getTime() + 365 * 86_400_000);
    while (escalateIfDue(c, l, far).kind === 'escalated');
    expect(c.level).toBe(l.rungs.at(-1)!.level);
    expect(c.nextEscalationAt).toBeNull();
  });

  it('checks ladders: rungs climb, each but the top has a time limit', () => {
    expect(() => checkLadder(DEFAULT_LADDERS['report-missed'])).not.toThrow();
    expect(() =>
      checkLadder({ caseType: 'report-missed', rungs: [{ level: 'county', minutesToResolve: 5 }, { level: 'township' }] }),
    ).toThrow('rungs must climb');
    expect(() => checkLadder({ caseType: 'report-missed', rungs: [{ level: 'township' }, { level: 'county' }] })).toThrow(
      'needs minutesToResolve',
    );
  });
});

describe('ladder read back from storage', () => {
  it('treats a null limit on the top rung as no limit', () => {
    const stored = {
      caseType: 'report-missed' as const,
      rungs: [
        { level: 'township' as const, minutesToResolve: 1 },
        { level: 'county' as const, minutesToResolve: null as unknown as undefined },
      ],
    };
    const c = openCase(
      {
        caseId: 'c',
        caseType: 'report-missed',
        subjectId: 'u',
        unitId: 'u',
        divisionCode: '330521101',
        divisionAncestors: [],
        item: '2026-03-02',
        eventId: 'e',
        note: 'n',
      },
      stored,
      t0,
    );
    escalateIfDue(c, stored, min(1));
    expect(c).toMatchObject({ level: 'county', nextEscalationAt: null });
  });
});
