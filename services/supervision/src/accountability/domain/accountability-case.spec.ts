import { domainErrorOf as error } from '@civil/testing';
import { AccountabilityCase, checkSubject, decideOutcome, openAccountabilityCase, visibleToUnit } from './accountability-case';
import { DEFAULT_ACCOUNTABILITY_RULES, reachesRule, subjectOfCase } from './accountability-rule';
import { evidenceOfCase } from './evidence-chain';

const now = new Date('2026-03-02T10:00:00Z');

function opened(): AccountabilityCase {
  return openAccountabilityCase(
    {
      accountabilityCaseId: 'ac-1',
      trigger: 'late-reporting',
      subject: { kind: 'unit', id: 'u-1', divisionCode: '330521101' },
      evidence: [
        { eventId: 'e1', type: null, time: null },
        { eventId: 'e1', type: 'x', time: null },
        { eventId: 'e2', type: null, time: null },
      ],
      sourceCaseId: null,
      openedBy: 'o-1',
    },
    ['33', '3305', '330521', '330521101'],
    now,
  );
}

describe('accountability case', () => {
  it('opens with its evidence, each event once, in order', () => {
    const c = opened();
    expect(c).toMatchObject({ status: 'opened', divisionCode: '330521101', outcome: null });
    expect(c.evidence.map((e) => e.eventId)).toEqual(['e1', 'e2']);
  });

  it('refuses a hand-opened case without evidence', () => {
    const e = error(() =>
      openAccountabilityCase(
        {
          accountabilityCaseId: 'x',
          trigger: 'late-reporting',
          subject: { kind: 'role', id: '院长', divisionCode: '330521' },
          evidence: [],
          sourceCaseId: null,
          openedBy: 'o',
        },
        [],
        now,
      ),
    );
    expect(e).toMatchObject({ kind: 'invalid', code: 'EvidenceRequired' });
  });

  it('is decided once; a second decision is a conflict', () => {
    const decided = decideOutcome(opened(), { outcome: 'talk' }, 'd-1', now);
    expect(decided).toMatchObject({ status: 'decided', outcome: 'talk', decidedBy: 'd-1', decidedAt: now });
    expect(error(() => decideOutcome(decided, { outcome: 'referral' }, 'd-1', now))).toMatchObject({
      kind: 'conflict',
      code: 'AlreadyDecided',
    });
  });

  it('dismisses only with a reason, and a dismissed case stays dismissed', () => {
    expect(error(() => decideOutcome(opened(), { outcome: 'dismissed', reason: '  ' }, 'd', now))).toMatchObject({
      kind: 'invalid',
      code: 'ReasonRequired',
    });
    const dismissed = decideOutcome(opened(), { outcome: 'dismissed', reason: '已按时补报，情节轻微' }, 'd', now);
    expect(dismissed).toMatchObject({ status: 'dismissed', reason: '已按时补报，情节轻微' });
    expect(error(() => decideOutcome(dismissed, { outcome: 'talk' }, 'd', now)).kind).toBe('conflict');
  });

  it('shows unit staff only decided cases about their own unit', () => {
    const c = opened();
    expect(visibleToUnit(c, 'u-1')).toBe(false);
    const decided = decideOutcome(c, { outcome: 'public-criticism' }, 'd', now);
    expect(visibleToUnit(decided, 'u-1')).toBe(true);
    expect(visibleToUnit(decided, 'u-2')).toBe(false);
    expect(visibleToUnit(decided, undefined)).toBe(false);
  });
});

describe('accountability rules', () => {
  it('fire when the case reaches or passes the rule level', () => {
    const rule = DEFAULT_ACCOUNTABILITY_RULES['report-missed'];
    expect(reachesRule(rule, 'county')).toBe(false);
    expect(reachesRule(rule, 'city')).toBe(true);
    expect(reachesRule(rule, 'province')).toBe(true);
    expect(reachesRule(DEFAULT_ACCOUNTABILITY_RULES['capacity-strained'], 'province')).toBe(false);
  });

  it('name the unit, the township, or the directive target as subject', () => {
    expect(subjectOfCase({ caseType: 'report-missed', subjectId: 'u-9', divisionCode: '330521101' })).toEqual({
      kind: 'unit',
      id: 'u-9',
      divisionCode: '330521101',
    });
    expect(subjectOfCase({ caseType: 'visit-overdue', subjectId: 'kp-1', divisionCode: '330521101007' })).toEqual({
      kind: 'township',
      id: '330521101',
      divisionCode: '330521101',
    });
    expect(subjectOfCase({ caseType: 'application-overdue', subjectId: 'app-1', divisionCode: '330521' })).toEqual({
      kind: 'division',
      id: '330521',
      divisionCode: '330521',
    });
    expect(subjectOfCase({ caseType: 'directive-missed', subjectId: 'dir-1:330522', divisionCode: '330522' })).toEqual({
      kind: 'division',
      id: '330522',
      divisionCode: '330522',
    });
    expect(subjectOfCase({ caseType: 'directive-missed', subjectId: 'dir-1:330522101', divisionCode: '330522101' }).kind).toBe('township');
    expect(subjectOfCase({ caseType: 'equipment-unrepaired', subjectId: 'eq-1', divisionCode: '330521', unitId: 'home-1' })).toEqual({
      kind: 'unit',
      id: 'home-1',
      divisionCode: '330521',
    });
    expect(subjectOfCase({ caseType: 'rectification-overdue', subjectId: 'iss-1', divisionCode: '330521101', unitId: 'u-7' })).toEqual({
      kind: 'unit',
      id: 'u-7',
      divisionCode: '330521101',
    });
  });
});

describe('evidence chain of an escalated case', () => {
  it('lists the case’s signals oldest first, then the escalation', () => {
    const links = evidenceOfCase(
      {
        triggeringEventId: 'm1',
        openedAt: new Date('2026-03-02T02:00:00Z'),
        history: [
          { at: new Date('2026-03-02T02:00:00Z'), action: 'opened', level: 'township', eventId: 'm1' },
          { at: new Date('2026-03-03T02:00:00Z'), action: 'occurrence', level: 'township', eventId: 'm2' },
          { at: new Date('2026-03-03T04:00:00Z'), action: 'escalated', level: 'county' },
        ],
      },
      { eventId: 'esc', type: 'cn.gov.civilaffairs.supervision.case-escalated.v1', time: '2026-03-03T08:00:00.000Z', toLevel: 'city' },
    );
    expect(links.map((l) => l.eventId)).toEqual(['m1', 'm2', 'esc']);
    expect(links[2]).toMatchObject({ type: 'cn.gov.civilaffairs.supervision.case-escalated.v1', time: '2026-03-03T08:00:00.000Z' });
    expect(links[0].time).toBe('2026-03-02T02:00:00.000Z');
  });

  it('still names the escalation when the case cannot be read', () => {
    expect(evidenceOfCase(undefined, { eventId: 'esc', type: 't', time: 'x', toLevel: 'city' }).map((l) => l.eventId)).toEqual(['esc']);
  });
});

describe('accountability subject', () => {
  it('names offices and posts, never people', () => {
    expect(() => checkSubject({ kind: 'township', id: '330521101', divisionCode: '330521101' })).not.toThrow();
    expect(() => checkSubject({ kind: 'role', id: '院长', divisionCode: '330521101' })).not.toThrow();
    expect(error(() => checkSubject({ kind: 'township', id: '330521', divisionCode: '330521' })).code).toBe('InvalidSubject');
    expect(error(() => checkSubject({ kind: 'role', id: '院长 13800138000', divisionCode: '330521' })).details).toEqual({
      field: 'subject.id',
    });
    expect(error(() => checkSubject({ kind: 'division', id: '330522', divisionCode: '330521' })).kind).toBe('invalid');
  });
});
