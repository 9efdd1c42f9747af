import {
  campaignCoverage,
  findMissedTasks,
  launchCampaign,
  launchesAutomatically,
  peerLevel,
  recordMissed,
  reportTask,
  taskState,
} from './self-inspection-campaign';

const at = (iso: string) => new Date(iso);
const launch = () =>
  launchCampaign(
    {
      campaignId: 'sic-1',
      inspectionId: 'i-1',
      findingId: 'f-1',
      sourceUnitId: 'u-1',
      unitType: 'elderly-care-home',
      checklistCode: 'visitor-registration',
      checklistText: '出入登记完整',
      summary: '来访登记缺失',
      severity: 'E',
      responsibleHead: '德清县民政局局长',
      scopeDivisionCode: '330521',
      divisionAncestors: ['33', '3305', '330521'],
      launchedBy: 'county-officer',
      dueDays: 7,
    },
    [
      { unitId: 'u-1', divisionCode: '330521101' },
      { unitId: 'u-2', divisionCode: '330521101' },
      { unitId: 'u-3', divisionCode: '330521102' },
    ],
    at('2026-03-02T02:00:00Z'),
  );

describe('举一反三 self-inspection campaign', () => {
  it('sends a task to every peer but the unit of the finding, due after the regional days', () => {
    const c = launch();
    expect(c.tasks.map((t) => t.unitId)).toEqual(['u-2', 'u-3']);
    expect(c.dueDate).toBe('2026-03-09');
    expect(c.nextDueDate).toBe('2026-03-09');
    expect(campaignCoverage(c)).toMatchObject({ sent: 2, reported: 0, missed: 0, outstanding: 2 });
    expect(() =>
      launchCampaign({ ...c, dueDays: 7 } as never, [{ unitId: 'u-1', divisionCode: '330521101' }], at('2026-03-02T02:00:00Z')),
    ).toThrow(/no other/);
  });

  it('a report on time, then a miss recorded once, then a late report that clears it', () => {
    let c = reportTask(launch(), 'u-2', { outcome: 'rectified', note: '已补齐登记' }, 'staff', at('2026-03-05T02:00:00Z'));
    expect(c.tasks[0]).toMatchObject({ status: 'reported', late: false, outcome: 'rectified' });
    expect(() => reportTask(c, 'u-2', { outcome: 'no-issue' }, 'staff', at('2026-03-05T03:00:00Z'))).toThrow(/already reported/);
    expect(findMissedTasks(c, '2026-03-09')).toEqual([]); // the due day itself is not over
    const missed = findMissedTasks(c, '2026-03-10');
    expect(missed.map((t) => t.unitId)).toEqual(['u-3']);
    c = recordMissed(c, ['u-3'], at('2026-03-09T16:05:00Z'));
    expect(findMissedTasks(c, '2026-03-11')).toEqual([]);
    expect(c.nextDueDate).toBeNull();
    expect(taskState(c.tasks[1], c.dueDate, '2026-03-10')).toBe('missed');
    c = reportTask(c, 'u-3', { outcome: 'issue-found', note: '登记不全', issueId: 'iss-9' }, 'staff', at('2026-03-10T02:00:00Z'));
    expect(c.tasks[1]).toMatchObject({ late: true, issueId: 'iss-9' });
    expect(taskState(c.tasks[1], c.dueDate, '2026-03-10')).toBe('reported-late');
    expect(campaignCoverage(c)).toMatchObject({ sent: 2, reported: 2, reportedLate: 1, missed: 1, outstanding: 0, issuesFound: 2 });
  });

  it('launches by itself from the regional letter; 0 never', () => {
    expect(launchesAutomatically('G', 7)).toBe(true);
    expect(launchesAutomatically('F', 7)).toBe(false);
    expect(launchesAutomatically('L', 0)).toBe(false);
    expect([0, 1, 2].map(peerLevel)).toEqual(['county', 'township', 'city']);
  });
});
