import { DomainError } from '@civil/kernel';
import { becameOverdue, coverageOf, fileCheck, GradingRules, isOverdue, markOverdue, raiseWarning } from './low-income-warning';

const RULES: GradingRules = {
  levelOf: { 'medical-expense': 2, disability: 2, unemployment: 3, 'death-in-household': 1, 'annual-review': 3 },
  limitDays: { 1: 3, 2: 7, 3: 15 },
};
const AT = new Date('2026-03-02T02:00:00Z');
const at = (iso: string) => new Date(iso);

const warning = (kind: Parameters<typeof raiseWarning>[0]['kind'] = 'medical-expense') =>
  raiseWarning(
    {
      warningId: 'w-1',
      source: 'medical-insurance',
      sourceRecordId: 'mi-2026-03-0001',
      kind,
      subjectType: 'household',
      subjectId: 'h-1',
      divisionCode: '330521101201',
      divisionAncestors: ['33', '3305', '330521', '330521101', '330521101201'],
      comparedOn: '2026-03',
      by: 'officer',
    },
    RULES,
    AT,
  );

describe('a low-income warning', () => {
  it('is graded by the region’s table and due within its grade’s limit, checked by its township', () => {
    const w = warning('medical-expense');
    expect(w).toMatchObject({ level: 2, limitDays: 7, status: 'pending', townshipCode: '330521101', overdueAt: null, check: null });
    expect(w.dueAt.toISOString()).toBe('2026-03-09T02:00:00.000Z');
    expect(warning('death-in-household')).toMatchObject({ level: 1, limitDays: 3 });
    expect(warning('unemployment')).toMatchObject({ level: 3, limitDays: 15 });
  });

  it('needs a township (or finer) to check it', () => {
    const county = {
      warningId: 'w-2',
      source: 'disabled-persons-federation',
      sourceRecordId: 'dpf-1',
      kind: 'disability' as const,
      subjectType: 'person' as const,
      subjectId: 'p-1',
      divisionCode: '330521',
      divisionAncestors: ['33', '3305', '330521'],
      by: 'officer',
    };
    expect(() => raiseWarning(county, RULES, AT)).toThrow(expect.objectContaining({ code: 'TownshipRequired' }));
  });

  it('is not overdue at its due instant, then overdue once', () => {
    const w = warning();
    expect(becameOverdue(w, at('2026-03-09T02:00:00Z'))).toBe(false);
    expect(isOverdue(w, at('2026-03-09T02:00:00Z'))).toBe(false);
    const later = at('2026-03-09T02:00:01Z');
    expect(becameOverdue(w, later)).toBe(true);
    const marked = markOverdue(w, later);
    expect(marked.overdueAt).toEqual(later);
    expect(becameOverdue(marked, at('2026-03-20T00:00:00Z'))).toBe(false);
    expect(isOverdue(marked, at('2026-03-20T00:00:00Z'))).toBe(true);
    expect(() => markOverdue(marked, later)).toThrow();
  });

  it('files one check: on time, or late after the due time; a checked warning is never overdue', () => {
    const w = warning();
    const onTime = fileCheck(
      w,
      { finding: 'no-change', checkedAt: at('2026-03-09T02:00:00Z'), note: null, reason: null, applicationId: null, by: 'cadre' },
      at('2026-03-10T00:00:00Z'),
    );
    expect(onTime).toMatchObject({ status: 'checked', check: { finding: 'no-change', late: false, applicationId: null } });
    expect(isOverdue(onTime, at('2026-04-01T00:00:00Z'))).toBe(false);
    expect(becameOverdue(onTime, at('2026-04-01T00:00:00Z'))).toBe(false);
    const late = fileCheck(
      markOverdue(w, at('2026-03-10T00:00:00Z')),
      { finding: 'no-change', checkedAt: at('2026-03-10T01:00:00Z'), note: null, reason: null, applicationId: null, by: 'cadre' },
      at('2026-03-10T02:00:00Z'),
    );
    expect(late.check!.late).toBe(true);
    expect(() =>
      fileCheck(
        onTime,
        { finding: 'no-change', checkedAt: at('2026-03-09T03:00:00Z'), note: null, reason: null, applicationId: null, by: 'c' },
        at('2026-03-10T00:00:00Z'),
      ),
    ).toThrow(expect.objectContaining({ kind: 'conflict', code: 'AlreadyChecked' }));
  });

  it('needs a reason for not eligible (登记备案) and records the application for needs assistance', () => {
    const w = warning();
    const now = at('2026-03-05T00:00:00Z');
    const base = { checkedAt: at('2026-03-04T00:00:00Z'), note: null, applicationId: null, by: 'cadre' };
    let refused: unknown;
    try {
      fileCheck(w, { ...base, finding: 'not-eligible', reason: '  ' }, now);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: 'invalid', code: 'ReasonRequired', details: { field: 'reason' } });
    expect(fileCheck(w, { ...base, finding: 'not-eligible', reason: ' 家庭存款超过规定 ' }, now).check).toMatchObject({
      finding: 'not-eligible',
      reason: '家庭存款超过规定',
      applicationId: null,
    });
    expect(() => fileCheck(w, { ...base, finding: 'needs-assistance', reason: null }, now)).toThrow();
    expect(fileCheck(w, { ...base, finding: 'needs-assistance', reason: null, applicationId: 'app-1' }, now).check).toMatchObject({
      finding: 'needs-assistance',
      applicationId: 'app-1',
      reason: null,
    });
  });

  it('refuses a check dated in the future or before the warning', () => {
    const w = warning();
    const now = at('2026-03-05T00:00:00Z');
    const base = { finding: 'no-change' as const, note: null, reason: null, applicationId: null, by: 'c' };
    expect(() => fileCheck(w, { ...base, checkedAt: at('2026-03-06T00:00:00Z') }, now)).toThrow(
      expect.objectContaining({ code: 'CheckedInFuture', details: { field: 'checkedAt' } }),
    );
    expect(() => fileCheck(w, { ...base, checkedAt: at('2026-03-01T00:00:00Z') }, now)).toThrow(
      expect.objectContaining({ code: 'CheckedBeforeWarning' }),
    );
  });

  it('counts coverage: due, checked, and unchecked past due', () => {
    const now = at('2026-03-20T00:00:00Z');
    const tasks = [
      { status: 'checked' as const, dueAt: at('2026-03-10T00:00:00Z') },
      { status: 'pending' as const, dueAt: at('2026-03-10T00:00:00Z') },
      { status: 'pending' as const, dueAt: at('2026-03-30T00:00:00Z') },
    ];
    expect(coverageOf(tasks, now)).toEqual({ due: 3, checked: 1, overdue: 1 });
    expect(coverageOf([], now)).toEqual({ due: 0, checked: 0, overdue: 0 });
  });
});
