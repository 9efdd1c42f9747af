import { DEFAULT_CHECKLISTS } from './checklist-template';
import {
  addFinding,
  checklistCounts,
  completeInspection,
  findingsBySeverity,
  Inspection,
  newInspection,
  recordResults,
  startInspection,
  visibleTo,
  withIssues,
} from './inspection';
import { DEFAULT_DEADLINE_DAYS } from './severity-grid';

const now = new Date('2026-03-05T01:00:00Z');
const base = (mode: Inspection['mode']) =>
  newInspection({
    inspectionId: 'i-1',
    planId: 'p-1',
    unitId: 'u-1',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    divisionAncestors: ['33', '3305', '330521', '330521101'],
    mode,
    teamId: 't-1',
    scheduledDate: '2026-03-05',
    scheduledAt: now,
    trigger: null,
  });
const checklist = { version: 0, items: DEFAULT_CHECKLISTS['elderly-care-home'] };
const ownStaff = { unitScoped: true, unitId: 'u-1' };
const otherStaff = { unitScoped: true, unitId: 'u-2' };
const officer = { unitScoped: false };

describe('inspection visibility by mode', () => {
  it.each([
    ['unannounced', false],
    ['covert', false],
    ['announced', true],
    ['self-inspection', true],
  ] as const)('a %s inspection not yet started is visible to its unit: %s', (mode, visible) => {
    expect(visibleTo(base(mode), ownStaff)).toBe(visible);
    expect(visibleTo(base(mode), officer)).toBe(true);
    expect(visibleTo(base(mode), otherStaff)).toBe(false);
  });

  it('shows an unannounced inspection to its unit once the team has started it', () => {
    const started = startInspection(base('unannounced'), { now, by: 'insp', checklist });
    expect(visibleTo(started, ownStaff)).toBe(true);
    expect(started.schedulePublished).toBe(true);
  });

  it('publishes the schedule of announced inspections at once, of hidden ones only at start', () => {
    expect(base('announced').schedulePublished).toBe(true);
    expect(base('covert').schedulePublished).toBe(false);
  });
});

describe('inspection lifecycle', () => {
  it('runs start → results → findings → complete, dating each rectification from its letter', () => {
    let i = startInspection(base('announced'), { now, by: 'insp', checklist });
    i = recordResults(
      i,
      [
        { code: 'closed-management', outcome: 'pass' },
        { code: 'visitor-registration', outcome: 'fail', note: '登记不全' },
      ],
      now,
      'insp',
    );
    i = addFinding(
      i,
      { findingId: 'f-1', checklistCode: 'visitor-registration', summary: '访客登记不全', scope: 'pattern', harmLevel: 2 },
      now,
      'insp',
    ).inspection;
    i = addFinding(
      i,
      { findingId: 'f-2', summary: '隔离室未配备防护服', scope: 'isolated', harmLevel: 4, responsibleHead: '德清县卫健局局长' },
      now,
      'insp',
    ).inspection;
    const done = completeInspection(i, {
      now,
      by: 'insp',
      today: '2026-03-05',
      deadlines: DEFAULT_DEADLINE_DAYS,
      responsibleHead: '德清县民政局局长',
    });
    expect(done.status).toBe('completed');
    expect(done.findings.map((f) => [f.letter, f.dueDate, f.responsibleHead])).toEqual([
      ['E', '2026-03-15', '德清县民政局局长'],
      ['J', '2026-03-06', '德清县卫健局局长'],
    ]);
    expect(checklistCounts(done)).toEqual({ items: 10, passed: 1, failed: 1, notChecked: 8 });
    expect(findingsBySeverity(done.findings)).toEqual({ E: 1, J: 1 });
  });

  it('refuses results for items not on the checklist, naming the field', () => {
    const i = startInspection(base('announced'), { now, by: 'insp', checklist });
    expect(() =>
      recordResults(
        i,
        [
          { code: 'closed-management', outcome: 'pass' },
          { code: 'nope', outcome: 'pass' },
        ],
        now,
        'x',
      ),
    ).toThrow(expect.objectContaining({ details: { field: 'results.1.code' } }));
  });

  it('refuses to complete a finding without a bureau head to serve it to', () => {
    let i = startInspection(base('announced'), { now, by: 'insp', checklist });
    i = addFinding(i, { findingId: 'f-1', summary: 'x', scope: 'isolated', harmLevel: 1 }, now, 'insp').inspection;
    expect(() => completeInspection(i, { now, by: 'insp', today: '2026-03-05', deadlines: DEFAULT_DEADLINE_DAYS })).toThrow(
      expect.objectContaining({ details: { field: 'responsibleHead' } }),
    );
  });

  it('marks a completion with findings as having issues pending until every finding has its issue', () => {
    let i = startInspection(base('announced'), { now, by: 'insp', checklist });
    expect(completeInspection(i, { now, by: 'insp', today: '2026-03-05', deadlines: DEFAULT_DEADLINE_DAYS }).issuesPending).toBe(false);
    i = addFinding(i, { findingId: 'f-1', summary: 'x', scope: 'isolated', harmLevel: 1 }, now, 'insp').inspection;
    i = addFinding(i, { findingId: 'f-2', summary: 'y', scope: 'isolated', harmLevel: 2 }, now, 'insp').inspection;
    const done = completeInspection(i, { now, by: 'insp', today: '2026-03-05', deadlines: DEFAULT_DEADLINE_DAYS, responsibleHead: '局长' });
    expect(done.issuesPending).toBe(true);
    const half = withIssues(done, new Map([['f-1', 'iss-1']]));
    expect([half.issuesPending, half.findings.map((f) => f.issueId)]).toEqual([true, ['iss-1', null]]);
    const all = withIssues(
      half,
      new Map([
        ['f-2', 'iss-2'],
        ['f-1', 'ignored: f-1 has its issue'],
      ]),
    );
    expect([all.issuesPending, all.findings.map((f) => f.issueId)]).toEqual([false, ['iss-1', 'iss-2']]);
  });

  it('refuses steps out of order', () => {
    expect(() => recordResults(base('announced'), [], now, 'x')).toThrow(/is scheduled, not in-progress/);
    const started = startInspection(base('announced'), { now, by: 'insp', checklist });
    expect(() => startInspection(started, { now, by: 'insp', checklist })).toThrow(/is in-progress, not scheduled/);
  });
});
