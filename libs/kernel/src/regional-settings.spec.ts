import { checkSettingValue, RegionalSettings, SettingDefinitions } from './regional-settings';

const DEFINITIONS: SettingDefinitions = {
  'report-expiry-days': { default: 7, min: 0, max: 365, label: '日报告更正时限（天）' },
  'slot-capacity': { default: 4, min: 1, max: 100, label: '每时段人数上限' },
  multiplier: { default: 1.5, min: 1, max: 3, label: '低保边缘倍数', decimals: 1 },
};

const v = (value: number, effectiveFrom: string, setAt = '2026-03-01T00:00:00Z') => ({
  value,
  effectiveFrom,
  setBy: 'officer',
  setAt: new Date(setAt),
});

describe('regional settings', () => {
  const settings = new RegionalSettings(DEFINITIONS, [
    { key: 'report-expiry-days', divisionCode: '33', history: [v(10, '2026-01-01')] },
    { key: 'report-expiry-days', divisionCode: '330521', history: [v(3, '2026-03-01'), v(5, '2026-03-10')] },
  ]);

  it('falls back to the default where no region set a value', () => {
    expect(settings.resolve('slot-capacity', '330521101', '2026-03-05')).toEqual({ value: 4, from: 'default' });
  });

  it('takes the narrowest division with a value in force on the day', () => {
    expect(settings.resolve('report-expiry-days', '330521101', '2026-03-05')).toEqual({ value: 3, from: '330521' });
    expect(settings.resolve('report-expiry-days', '330522101', '2026-03-05')).toEqual({ value: 10, from: '33' });
  });

  it('keeps history: earlier days keep the value they had', () => {
    expect(settings.valueFor('report-expiry-days', '330521101', '2026-03-09')).toBe(3);
    expect(settings.valueFor('report-expiry-days', '330521101', '2026-03-10')).toBe(5);
    expect(settings.valueFor('report-expiry-days', '330521101', '2026-02-20')).toBe(10);
  });

  it('refuses unknown keys and values out of range or too precise, with the reason', () => {
    expect(() => checkSettingValue(DEFINITIONS, 'slot-capacity', 0)).toThrow(/from 1 to 100/);
    expect(() => checkSettingValue(DEFINITIONS, 'report-expiry-days', 2.5)).toThrow(/whole number/);
    expect(() => checkSettingValue(DEFINITIONS, 'castle', 1)).toThrow(/key must be one of/);
    expect(() => checkSettingValue(DEFINITIONS, 'multiplier', 2)).not.toThrow();
    expect(() => checkSettingValue(DEFINITIONS, 'multiplier', 1.55)).toThrow(/at most 1 decimals/);
    expect(() => checkSettingValue(DEFINITIONS, 'report-expiry-days', 14)).not.toThrow();
  });
});
