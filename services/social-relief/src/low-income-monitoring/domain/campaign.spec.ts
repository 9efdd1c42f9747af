import type { RegisterMembership } from '../../people/domain/person';
import { advance, openCampaign, subjectOf, taskId } from './campaign';

const m = (
  register: RegisterMembership['register'],
  sourceType: RegisterMembership['sourceType'],
  sourceId: string,
  from: string,
  to: string | null = null,
): RegisterMembership => ({
  register,
  sourceType,
  sourceId,
  from,
  to,
});
const base = {
  campaignId: 'c-2026',
  year: 2026,
  divisionCode: '330521',
  divisionAncestors: ['33', '3305', '330521'],
  snapshotDate: '2026-03-01',
  createdAt: new Date('2026-03-01T00:00:00Z'),
  createdBy: 'officer',
};

describe('the yearly campaign (集中排查)', () => {
  it('covers a county or wider', () => {
    expect(openCampaign(base)).toMatchObject({ status: 'open', cursor: 0, tasksCreated: 0 });
    expect(() => openCampaign({ ...base, divisionCode: '330521101' })).toThrow(expect.objectContaining({ code: 'InvalidDivisionCode' }));
  });

  it('moves its cursor forward only, and completes past the last bucket', () => {
    const at = new Date('2026-03-01T01:00:00Z');
    const c = advance(openCampaign(base), 32, 5, 2047, at);
    expect(c).toMatchObject({ status: 'running', cursor: 32, tasksCreated: 5, completedAt: null });
    expect(advance(c, 32, 5, 2047, at)).toBe(c);
    expect(advance(c, 16, 1, 2047, at)).toBe(c);
    const done = advance(c, 2048, 1, 2047, at);
    expect(done).toMatchObject({ status: 'completed', cursor: 2048, tasksCreated: 6, completedAt: at });
    expect(advance(done, 4096, 1, 2047, at)).toBe(done);
  });

  it('checks a person as the household that put them on a register, else as a household of one, on the snapshot day', () => {
    const day = '2026-03-01';
    expect(subjectOf([m('dibao', 'household', 'h-1', '2025-01-01')], 'p-1', day)).toEqual({ type: 'household', id: 'h-1' });
    expect(subjectOf([m('dispersed-extreme-poverty', 'application', 'app-9', '2025-06-01')], 'p-2', day)).toEqual({
      type: 'person',
      id: 'p-2',
    });
    expect(
      subjectOf(
        [m('dispersed-extreme-poverty', 'application', 'app-9', '2025-06-01'), m('near-dibao', 'household', 'h-3', '2025-01-01')],
        'p-3',
        day,
      ),
    ).toEqual({ type: 'household', id: 'h-3' });
    expect(subjectOf([m('dibao', 'household', 'h-1', '2025-01-01', '2026-03-01')], 'p-1', day)).toBeNull();
    expect(subjectOf([m('dibao', 'household', 'h-1', '2026-03-02')], 'p-1', day)).toBeNull();
    expect(subjectOf([], 'p-1', day)).toBeNull();
  });

  it('makes one task per campaign and household', () => {
    expect(taskId('c-2026', { type: 'household', id: 'h-1' })).toBe(taskId('c-2026', { type: 'household', id: 'h-1' }));
    expect(taskId('c-2026', { type: 'household', id: 'h-1' })).not.toBe(taskId('c-2027', { type: 'household', id: 'h-1' }));
    expect(taskId('c-2026', { type: 'household', id: 'x' })).not.toBe(taskId('c-2026', { type: 'person', id: 'x' }));
  });
});
