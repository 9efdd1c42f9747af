import { checkSettingValue, RegionalSettings } from './regional-setting';

const v = (value: number, effectiveFrom: string, setAt = '2026-03-01T00:00:00Z') => ({ value, effectiveFrom, setBy: 'officer', setAt: new Date(setAt) });

describe('regional settings', () => {
  const settings = new RegionalSettings([
    { key: 'report-expiry-days', divisionCode: '33', history: [v(10, '2026-01-01')] },
    { key: 'report-expiry-days', divisionCode: '330521', history: [v(3, '2026-03-01'), v(5, '2026-03-10')] },
  ]);

  it('falls back to the default where no region set a value', () => {
    expect(settings.resolve('visit-slot-capacity', '330521101', '2026-03-05')).toEqual({ value: 4, from: 'default' });
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

  it('refuses values out of range with the reason', () => {
    expect(() => checkSettingValue('visit-slot-capacity', 0)).toThrow(/from 1 to 100/);
    expect(() => checkSettingValue('report-expiry-days', 2.5)).toThrow(/whole number/);
    expect(() => checkSettingValue('report-expiry-days', 14)).not.toThrow();
  });
});
