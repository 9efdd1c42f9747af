import { applyStatus, ReliefStatusCopy } from './relief-status';

describe('the relief status copy', () => {
  const key = 'a'.repeat(64);
  const at = (iso: string) => new Date(iso);

  it('takes the first status, then only a newer one', () => {
    const first = applyStatus(
      null,
      { personKey: key, registers: ['dibao'], divisionCode: '330521101', changedAt: at('2026-03-01T00:00:00Z') },
      'e1',
    )!;
    expect(first).toMatchObject({ registers: ['dibao'], appliedEvents: ['e1'] });
    const newer = applyStatus(
      first,
      { personKey: key, registers: [], divisionCode: '330521101', changedAt: at('2026-03-02T00:00:00Z') },
      'e2',
    )!;
    expect(newer).toMatchObject({ registers: [], appliedEvents: ['e1', 'e2'] });
    expect(
      applyStatus(newer, { personKey: key, registers: ['dibao'], divisionCode: '330521101', changedAt: at('2026-03-01T12:00:00Z') }, 'e3'),
    ).toBeNull();
  });

  it('ignores a redelivery', () => {
    const copy: ReliefStatusCopy = {
      personKey: key,
      registers: ['dibao'],
      divisionCode: '330521',
      changedAt: at('2026-03-01T00:00:00Z'),
      appliedEvents: ['e1'],
    };
    expect(
      applyStatus(copy, { personKey: key, registers: ['dibao'], divisionCode: '330521', changedAt: at('2026-03-01T00:00:00Z') }, 'e1'),
    ).toBeNull();
  });
});
