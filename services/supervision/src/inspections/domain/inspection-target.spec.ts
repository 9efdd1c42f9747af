import { DEFAULT_CHECKLISTS } from './checklist-template';
import { INSPECTION_TARGET_TYPE_LABELS, registerTarget, townshipTargetId } from './inspection-target';

describe('inspection targets registered in supervision', () => {
  it('a township is its division code, one target per township', () => {
    const t = registerTarget({ kind: 'township', divisionCode: '330521101' });
    expect(t.unitId).toBe(townshipTargetId('330521101'));
    expect(t).toMatchObject({
      unitType: 'township',
      divisionAncestors: ['33', '3305', '330521', '330521101'],
      registeredIn: 'supervision',
    });
    expect(() => registerTarget({ kind: 'township', divisionCode: '330521' })).toThrow(/not a township/);
    expect(() => registerTarget({ kind: 'township', divisionCode: '330521101', targetId: 'other' })).toThrow(/township-330521101/);
  });

  it('a funeral home keeps the id funeral operations gives it; a sales point without one gets a stable id', () => {
    expect(registerTarget({ kind: 'funeral-home', divisionCode: '330521', targetId: 'deqing-funeral-home' }).unitId).toBe(
      'deqing-funeral-home',
    );
    const a = registerTarget({ kind: 'lottery-outlet', divisionCode: '330521101', addressLabel: '武康街道一号网点' });
    const b = registerTarget({ kind: 'lottery-outlet', divisionCode: '330521101', addressLabel: '武康街道一号网点' });
    expect(a.unitId).toBe(b.unitId);
    expect(a.unitId).toMatch(/^lo-/);
    expect(a.name).toBe('武康街道一号网点');
    expect(() => registerTarget({ kind: 'lottery-outlet', divisionCode: '33' })).toThrow(/county, township or village/);
  });

  it('an id already naming another kind of target, or a registry unit, is a conflict', () => {
    const input = { kind: 'funeral-home' as const, divisionCode: '330521', targetId: 'u-1' };
    expect(() => registerTarget(input, { unitType: 'elderly-care-home', registeredIn: 'registry' })).toThrow(/another target/);
    expect(() => registerTarget(input, { unitType: 'lottery-outlet', registeredIn: 'supervision' })).toThrow(/another target/);
    expect(registerTarget(input, { unitType: 'funeral-home', registeredIn: 'supervision' }).unitId).toBe('u-1');
  });

  it('every target kind and the combined fire-safety and epidemic checklist have a default checklist with unique codes', () => {
    for (const key of ['funeral-home', 'township', 'lottery-outlet', 'fire-safety-epidemic'] as const) {
      const codes = DEFAULT_CHECKLISTS[key].map((i) => i.code);
      expect(codes.length).toBeGreaterThan(3);
      expect(new Set(codes).size).toBe(codes.length);
    }
    expect(DEFAULT_CHECKLISTS.township.map((i) => i.text).join()).toMatch(/消费券/);
    expect(DEFAULT_CHECKLISTS['funeral-home'].map((i) => i.text).join()).toMatch(/应急/);
    expect(DEFAULT_CHECKLISTS['fire-safety-epidemic'].map((i) => i.text).join()).toMatch(/疏散通道/);
    expect(INSPECTION_TARGET_TYPE_LABELS['lottery-outlet']).toBe('福彩销售网点');
  });
});
