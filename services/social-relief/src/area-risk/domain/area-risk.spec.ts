import { AreaRisk, isElevated, levelAt } from './area-risk';

const change = (level: AreaRisk['level'], at: string) => ({ level, reason: '通告', setBy: 'officer', at: new Date(at) });

describe('area risk level', () => {
  const areas = new Map<string, AreaRisk>([
    ['330521', { divisionCode: '330521', level: 'medium', history: [change('medium', '2026-03-01T00:00:00Z')] }],
    [
      '330521101',
      { divisionCode: '330521101', level: 'low', history: [change('high', '2026-03-02T00:00:00Z'), change('low', '2026-03-10T00:00:00Z')] },
    ],
  ]);

  it('is low where nobody set a level', () => {
    expect(levelAt(areas, '330522101', new Date('2026-03-05T00:00:00Z'))).toEqual({ level: 'low', from: 'default' });
  });

  it('takes the division’s own level, else the nearest enclosing one, at the moment asked', () => {
    expect(levelAt(areas, '330521101001', new Date('2026-03-05T00:00:00Z'))).toEqual({ level: 'high', from: '330521101' });
    expect(levelAt(areas, '330521101', new Date('2026-03-11T00:00:00Z'))).toEqual({ level: 'low', from: '330521101' });
    expect(levelAt(areas, '330521102', new Date('2026-03-05T00:00:00Z'))).toEqual({ level: 'medium', from: '330521' });
    expect(levelAt(areas, '330521101', new Date('2026-03-01T12:00:00Z'))).toEqual({ level: 'medium', from: '330521' });
  });

  it('counts medium and high as elevated', () => {
    expect([isElevated('low'), isElevated('medium'), isElevated('high')]).toEqual([false, true, true]);
  });
});
