import { KEY_PERSON_CATEGORIES } from '@civil/contracts';
import {
  cadenceDays,
  cadenceGroupOf,
  CadenceSettings,
  clearFlag,
  closeEntry,
  entryIdOf,
  episodeIdFor,
  episodeToOpen,
  listsExtremePoverty,
  isPastDue,
  KeyPersonEntry,
  nextDueAt,
  normalisedCategories,
  openEpisode,
  personalDataIn,
  raiseFlag,
  recordVisit,
  registerSyncFor,
  visitFigures,
} from './key-person-entry';
import { ENTRY_STATUS_LABELS, VISIT_MODE_LABELS, VISIT_STATE_LABELS } from './labels';

const settings: CadenceSettings = { child: 7, elderly: 5, other: 14, atRisk: 2 };
const at = (iso: string) => new Date(iso);

function entry(overrides: Partial<KeyPersonEntry> = {}): KeyPersonEntry {
  return {
    entryId: 'kp-330521101-x',
    townshipCode: '330521101',
    divisionCode: '330521101',
    divisionAncestors: ['33', '3305', '330521', '330521101'],
    personId: 'p-1',
    status: 'active',
    categories: ['empty-nest-elderly'],
    flags: [],
    flagHistory: [],
    guardian: null,
    contact: null,
    notesEnc: null,
    visits: [],
    lastVisitAt: null,
    activeSince: at('2026-03-01T02:00:00Z'),
    overdue: null,
    episodeIds: [],
    createdAt: at('2026-03-01T02:00:00Z'),
    createdBy: 'cadre',
    updatedAt: at('2026-03-01T02:00:00Z'),
    updatedBy: 'cadre',
    closedAt: null,
    closedBy: null,
    closeReason: null,
    ...overrides,
  };
}

describe('entry ids', () => {
  it('are derived from township and person: the same pair always, another township another id', () => {
    expect(entryIdOf('330521101', 'p-1')).toBe(entryIdOf('330521101', 'p-1'));
    expect(entryIdOf('330521101', 'p-1')).toMatch(/^kp-330521101-[0-9a-f-]{36}$/);
    expect(entryIdOf('330521102', 'p-1')).not.toBe(entryIdOf('330521101', 'p-1'));
    expect(entryIdOf('330521101', 'p-2')).not.toBe(entryIdOf('330521101', 'p-1'));
  });
});

describe('cadence selection', () => {
  it('maps children, empty-nest elderly and the rest to their settings', () => {
    expect(
      ['de-facto-unsupported-child', 'left-behind-child', 'orphan', 'child-in-difficulty'].map((c) => cadenceGroupOf(c as never)),
    ).toEqual(['child', 'child', 'child', 'child']);
    expect(cadenceGroupOf('empty-nest-elderly')).toBe('elderly');
    expect(['dispersed-extreme-poverty', 'severely-disabled', 'isolated-patient-dependant'].map((c) => cadenceGroupOf(c as never))).toEqual(
      ['other', 'other', 'other'],
    );
  });

  it('takes the shortest cadence of several categories', () => {
    expect(cadenceDays(['severely-disabled'], settings, false)).toBe(14);
    expect(cadenceDays(['severely-disabled', 'left-behind-child'], settings, false)).toBe(7);
    expect(cadenceDays(['left-behind-child', 'empty-nest-elderly', 'orphan'], settings, false)).toBe(5);
  });

  it('tightens to at most the at-risk cadence in a medium/high-risk area, never loosens', () => {
    expect(cadenceDays(['severely-disabled'], settings, true)).toBe(2);
    expect(cadenceDays(['left-behind-child'], { ...settings, child: 1 }, true)).toBe(1);
    expect(cadenceDays(['left-behind-child'], { ...settings, atRisk: 30 }, true)).toBe(7);
  });

  it('refuses an entry without categories', () => {
    expect(() => cadenceDays([], settings, false)).toThrow(RangeError);
  });
});

describe('due dates', () => {
  it('count from the entry becoming active until the first visit, then from the last visit', () => {
    const fresh = entry();
    expect(nextDueAt(fresh, 7).toISOString()).toBe('2026-03-08T02:00:00.000Z');
    const visited = entry({ lastVisitAt: at('2026-03-05T06:30:00Z') });
    expect(nextDueAt(visited, 7).toISOString()).toBe('2026-03-12T06:30:00.000Z');
    // a visit recorded from before a reopening does not count: the reopening is later
    const reopened = entry({ lastVisitAt: at('2026-02-01T00:00:00Z') });
    expect(nextDueAt(reopened, 2).toISOString()).toBe('2026-03-03T02:00:00.000Z');
  });

  it('is past due only after the due instant, not at it', () => {
    const due = at('2026-03-08T02:00:00Z');
    expect(isPastDue(due, at('2026-03-08T02:00:00Z'))).toBe(false);
    expect(isPastDue(due, at('2026-03-08T02:00:00.001Z'))).toBe(true);
  });
});

describe('overdue episodes', () => {
  it('opens none at the due instant, one just after it, named by entry and Beijing due date', () => {
    const e = entry();
    expect(episodeToOpen(e, 7, at('2026-03-08T02:00:00Z'))).toBeUndefined();
    const ep = episodeToOpen(e, 7, at('2026-03-08T02:00:01Z'));
    expect(ep).toEqual({
      episodeId: 'kp-330521101-x:2026-03-08',
      dueAt: at('2026-03-08T02:00:00Z'),
      cadenceDays: 7,
      detectedAt: at('2026-03-08T02:00:01Z'),
    });
  });

  it('names the due date in Beijing time (a due time after 16:00 UTC is the next Beijing day)', () => {
    const e = entry({ activeSince: at('2026-03-01T17:00:00Z') });
    expect(episodeToOpen(e, 7, at('2026-03-09T00:00:00Z'))?.episodeId).toBe('kp-330521101-x:2026-03-09');
  });

  it('opens nothing while an episode is open, even when a tighter cadence moves the due date', () => {
    const e = openEpisode(entry(), episodeToOpen(entry(), 7, at('2026-03-09T00:00:00Z'))!);
    expect(episodeToOpen(e, 7, at('2026-03-20T00:00:00Z'))).toBeUndefined();
    expect(episodeToOpen(e, 2, at('2026-03-20T00:00:00Z'))).toBeUndefined();
    expect(e.episodeIds).toEqual(['kp-330521101-x:2026-03-08']);
  });

  it('opens nothing for a closed entry, and closing ends the open episode', () => {
    const open = openEpisode(entry(), episodeToOpen(entry(), 7, at('2026-03-09T00:00:00Z'))!);
    const closed = closeEntry(open, '迁出本乡镇', 'cadre', at('2026-03-10T00:00:00Z'));
    expect(closed).toMatchObject({ status: 'closed', overdue: null, closeReason: '迁出本乡镇' });
    expect(episodeToOpen(closed, 7, at('2026-04-20T00:00:00Z'))).toBeUndefined();
  });

  it('ends the episode on a visit; the next lapse is a new episode counted from that visit', () => {
    const open = openEpisode(entry(), episodeToOpen(entry(), 7, at('2026-03-09T00:00:00Z'))!);
    const { entry: visited, visit } = recordVisit(
      open,
      { visitedAt: at('2026-03-09T03:00:00Z'), visitor: 'cadre', mode: 'home-visit', findings: '身体尚可', flags: [] },
      at('2026-03-09T03:05:00Z'),
    );
    expect(visit).toMatchObject({ visitId: 'kp-330521101-x:v1', endedEpisodeId: 'kp-330521101-x:2026-03-08' });
    expect(visited.overdue).toBeNull();
    expect(episodeToOpen(visited, 7, at('2026-03-16T03:00:00Z'))).toBeUndefined();
    const next = episodeToOpen(visited, 7, at('2026-03-16T03:00:01Z'));
    expect(next?.episodeId).toBe('kp-330521101-x:2026-03-16');
  });

  it('keeps the episode open for a visit recorded late with a time before the current base', () => {
    const base = entry({ lastVisitAt: at('2026-03-05T00:00:00Z') });
    const open = openEpisode(base, episodeToOpen(base, 7, at('2026-03-13T00:00:00Z'))!);
    const { entry: after, visit } = recordVisit(
      open,
      { visitedAt: at('2026-03-04T00:00:00Z'), visitor: 'cadre', mode: 'phone', findings: '补录', flags: [] },
      at('2026-03-13T01:00:00Z'),
    );
    expect(visit.endedEpisodeId).toBeNull();
    expect(after.overdue?.episodeId).toBe('kp-330521101-x:2026-03-12');
    expect(after.lastVisitAt).toEqual(at('2026-03-05T00:00:00Z'));
  });

  it('gives a repeated due date a new episode id', () => {
    expect(episodeIdFor('kp-x', at('2026-03-08T02:00:00Z'), [])).toBe('kp-x:2026-03-08');
    expect(episodeIdFor('kp-x', at('2026-03-08T02:00:00Z'), ['kp-x:2026-03-08'])).toBe('kp-x:2026-03-08#2');
    expect(episodeIdFor('kp-x', at('2026-03-08T02:00:00Z'), ['kp-x:2026-03-08', 'kp-x:2026-03-08#2'])).toBe('kp-x:2026-03-08#3');
  });
});

describe('risk flags', () => {
  it('raises a flag once; raising it again is refused; clearing keeps the history', () => {
    const raised = raiseFlag(entry(), 'no-guardian', '监护人被隔离收治', 'cadre', at('2026-03-02T00:00:00Z'))!;
    expect(raised.entry.flags.map((f) => f.flag)).toEqual(['no-guardian']);
    expect(raiseFlag(raised.entry, 'no-guardian', '再次', 'cadre', at('2026-03-03T00:00:00Z'))).toBeUndefined();
    const cleared = clearFlag(raised.entry, 'no-guardian', '监护人返家', 'cadre', at('2026-03-04T00:00:00Z'))!;
    expect(cleared.flags).toEqual([]);
    expect(cleared.flagHistory.map((h) => h.action)).toEqual(['raised', 'cleared']);
    expect(clearFlag(cleared, 'no-guardian', null, 'cadre', at('2026-03-05T00:00:00Z'))).toBeUndefined();
    expect(raiseFlag(cleared, 'no-guardian', '又无人监护', 'cadre', at('2026-03-06T00:00:00Z'))).toBeDefined();
  });

  it('raises at a visit only the flags not raised yet', () => {
    const e = raiseFlag(entry(), 'safety-issue', '煤气未关', 'cadre', at('2026-03-02T00:00:00Z'))!.entry;
    const {
      raised,
      visit,
      entry: after,
    } = recordVisit(
      e,
      {
        visitedAt: at('2026-03-03T00:00:00Z'),
        visitor: 'cadre-2',
        mode: 'video',
        findings: '缺粮，煤气仍未修',
        flags: ['safety-issue', 'basic-living-difficulty', 'basic-living-difficulty'],
      },
      at('2026-03-03T00:00:00Z'),
    );
    expect(raised.map((r) => r.flag)).toEqual(['basic-living-difficulty']);
    expect(visit.flagsRaised).toEqual(['basic-living-difficulty']);
    expect(after.flags.map((f) => f.flag)).toEqual(['safety-issue', 'basic-living-difficulty']);
    expect(after.flagHistory.at(-1)).toMatchObject({ action: 'raised', by: 'cadre-2', visitId: visit.visitId, note: '缺粮，煤气仍未修' });
  });

  it('keeps why a child is without care on the no-guardian flag only (a visit or a direct raise)', () => {
    const { raised } = recordVisit(
      entry(),
      {
        visitedAt: at('2026-03-03T00:00:00Z'),
        visitor: 'cadre',
        mode: 'home-visit',
        findings: '监护人被隔离，儿童独自在家',
        flags: ['no-guardian', 'safety-issue'],
        cause: 'guardian-isolated',
      },
      at('2026-03-03T00:00:00Z'),
    );
    expect(raised.map((r) => [r.flag, r.cause])).toEqual([
      ['no-guardian', 'guardian-isolated'],
      ['safety-issue', undefined],
    ]);
    expect(raiseFlag(entry(), 'no-guardian', '住院', 'cadre', at('2026-03-03T00:00:00Z'), 'guardian-hospitalised')!.raised.cause).toBe(
      'guardian-hospitalised',
    );
    expect(raiseFlag(entry(), 'no-guardian', '无人照料', 'cadre', at('2026-03-03T00:00:00Z'))!.raised).not.toHaveProperty('cause');
  });
});

describe('the 散居特困 register', () => {
  it('is never entered from a list (seed 003 篇八: the county decides 特困); a closed entry or a removed category ends what an entry made', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    expect(listsExtremePoverty({ status: 'active', categories: ['dispersed-extreme-poverty'] })).toBe(true);
    expect(listsExtremePoverty({ status: 'closed', categories: ['dispersed-extreme-poverty'] })).toBe(false);
    expect(registerSyncFor({ status: 'active', categories: ['dispersed-extreme-poverty'] }, '2026-03-02', at)).toBeNull();
    expect(registerSyncFor({ status: 'active', categories: ['orphan'] }, '2026-03-02', at)).toMatchObject({ action: 'end' });
    expect(registerSyncFor({ status: 'closed', categories: ['dispersed-extreme-poverty'] }, '2026-03-02', at)).toMatchObject({
      action: 'end',
    });
  });

  it('keeps categories unique in vocabulary order', () => {
    expect(normalisedCategories(['orphan', 'dispersed-extreme-poverty', 'orphan'], KEY_PERSON_CATEGORIES)).toEqual([
      'dispersed-extreme-poverty',
      'orphan',
    ]);
  });
});

describe('personal data in findings that go into events', () => {
  it('refuses ID numbers, mobile numbers and the names given, without repeating them', () => {
    expect(personalDataIn('当事人身份证 330521195001011237 已核', [])).toBe('must not contain an ID number');
    expect(personalDataIn('老号 330521500101123', [])).toBe('must not contain an ID number');
    expect(personalDataIn('联系 138-1234-5678', [])).toBe('must not contain a phone number');
    expect(personalDataIn('张三丰无人照料', ['张三丰'])).toMatch(/^must not contain a name/);
    expect(personalDataIn('监护人被隔离收治，儿童无人照料', ['张三丰', '李'])).toBeUndefined();
  });
});

describe('labels', () => {
  it('has a zh-CN label for every status, visit mode and visit state', () => {
    expect(ENTRY_STATUS_LABELS).toEqual({ active: '在册', closed: '已移出清单' });
    expect(Object.values(VISIT_MODE_LABELS)).toEqual(['上门探访', '电话探访', '视频探访']);
    expect(VISIT_STATE_LABELS.overdue).toBe('探访逾期');
  });
});

describe('visit figures: visits counted by who made them', () => {
  it('a visit the cadre records for a volunteer or social worker counts as theirs; older visits are the cadre’s', () => {
    const now = at('2026-03-02T02:00:00Z');
    let e = entry();
    e = recordVisit(
      e,
      { visitedAt: at('2026-03-01T02:00:00Z'), visitor: 'cadre-1', mode: 'home-visit', findings: '良好', flags: [] },
      now,
    ).entry;
    const byVolunteer = recordVisit(
      e,
      {
        visitedAt: at('2026-03-01T03:00:00Z'),
        visitor: 'cadre-1',
        mode: 'phone',
        findings: '良好',
        flags: [],
        assigned: { volunteerId: 'vol-1', kind: 'volunteer' },
      },
      now,
    );
    expect(byVolunteer.visit).toMatchObject({ visitor: 'cadre-1', visitorKind: 'volunteer', volunteerId: 'vol-1' });
    e = byVolunteer.entry;
    e = recordVisit(
      e,
      {
        visitedAt: at('2026-03-02T01:00:00Z'),
        visitor: 'cadre-1',
        mode: 'home-visit',
        findings: '良好',
        flags: [],
        assigned: { volunteerId: 'sw-1', kind: 'social-worker' },
      },
      now,
    ).entry;
    const older = { visitedAt: at('2026-03-01T05:00:00Z'), mode: 'video' as const };
    const f = visitFigures([...e.visits, older], at('2026-02-28T16:00:00Z'), at('2026-03-01T16:00:00Z'));
    expect(f.visits).toBe(3);
    expect(f.byVisitorKind).toEqual({ cadre: 2, 'social-organisation': 0, 'social-worker': 0, volunteer: 1 });
    expect(f.byMode).toEqual({ 'home-visit': 1, phone: 1, video: 1 });
    expect(visitFigures(e.visits, at('2026-03-01T16:00:00Z'), at('2026-03-02T16:00:00Z')).byVisitorKind['social-worker']).toBe(1);
  });
});
