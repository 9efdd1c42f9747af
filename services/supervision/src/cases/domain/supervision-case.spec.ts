import { DomainError } from '@civil/kernel';
import { DEFAULT_LADDERS, EscalationLadder, checkLadder } from '../../escalation-ladders/domain/escalation-ladder';
import { clearDay, escalateIfDue, openCase, recordOccurrence } from './supervision-case';

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
    { caseId: 'c1', caseType: 'report-missed', subjectId: 'u-1', divisionCode: '330521101', divisionAncestors: ['33', '3305', '330521', '330521101'], day: '2026-03-02', eventId: 'e1' },
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
    const steps = [escalateIfDue(c, ladder, late), escalateIfDue(c, ladder, late), escalateIfDue(c, ladder, late), escalateIfDue(c, ladder, late)];
    expect(steps.map((s) => (s.kind === 'escalated' ? s.to : s.kind))).toEqual(['county', 'city', 'province', 'none']);
    expect(c.nextEscalationAt).toBeNull();
  });

  it('counts repeated misses on one case, once per day', () => {
    const c = newCase();
    expect(recordOccurrence(c, '2026-03-03', 'e2', min(1440)).kind).toBe('occurrence');
    expect(recordOccurrence(c, '2026-03-03', 'e2', min(1440)).kind).toBe('none');
    expect(c.occurrences).toBe(2);
    expect(c.outstanding).toEqual(['2026-03-02', '2026-03-03']);
  });

  it('is resolved when the last outstanding day is reported, and then never escalates', () => {
    const c = newCase();
    recordOccurrence(c, '2026-03-03', 'e2', min(10));
    expect(clearDay(c, '2026-03-02', 'r1', min(20)).kind).toBe('day-cleared');
    expect(c.status).toBe('open');
    expect(clearDay(c, '2026-03-03', 'r2', min(30))).toEqual({ kind: 'resolved', resolution: 'late-report-received', eventId: 'r2' });
    expect(c).toMatchObject({ status: 'resolved', resolvingEventId: 'r2', nextEscalationAt: null });
    expect(() => escalateIfDue(c, ladder, min(1000))).toThrow(DomainError);
  });

  it('checks ladders: rungs climb, each but the top has a time limit', () => {
    expect(() => checkLadder(DEFAULT_LADDERS['report-missed'])).not.toThrow();
    expect(() => checkLadder({ caseType: 'report-missed', rungs: [{ level: 'county', minutesToResolve: 5 }, { level: 'township' }] })).toThrow('rungs must climb');
    expect(() => checkLadder({ caseType: 'report-missed', rungs: [{ level: 'township' }, { level: 'county' }] })).toThrow('needs minutesToResolve');
  });
});

describe('ladder read back from storage', () => {
  it('treats a null limit on the top rung as no limit', () => {
    const stored = { caseType: 'report-missed' as const, rungs: [{ level: 'township' as const, minutesToResolve: 1 }, { level: 'county' as const, minutesToResolve: null as unknown as undefined }] };
    const c = openCase({ caseId: 'c', caseType: 'report-missed', subjectId: 'u', divisionCode: '330521101', divisionAncestors: [], day: '2026-03-02', eventId: 'e' }, stored, t0);
    escalateIfDue(c, stored, min(1));
    expect(c).toMatchObject({ level: 'county', nextEscalationAt: null });
  });
});
