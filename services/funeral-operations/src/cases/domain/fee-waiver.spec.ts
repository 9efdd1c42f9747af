import { decideFeeWaiver } from './fee-waiver';

describe('the fee waiver rule (低保 / 特困)', () => {
  const now = new Date('2026-03-06T00:00:00Z');
  const changedAt = new Date('2026-03-01T00:00:00Z');
  const key = 'f'.repeat(64);

  it('waives for 低保 and 特困, naming the register (特困 first)', () => {
    expect(decideFeeWaiver(key, { registers: ['dibao'], changedAt }, now)).toMatchObject({
      waived: true,
      register: 'dibao',
      basis: 'relief-status-copy',
    });
    expect(decideFeeWaiver(key, { registers: ['dibao', 'dispersed-extreme-poverty'], changedAt }, now)).toMatchObject({
      waived: true,
      register: 'dispersed-extreme-poverty',
    });
  });

  it('waives for 集中供养特困, residents of a 敬老院 (seed 003 篇十一)', () => {
    expect(decideFeeWaiver(key, { registers: ['concentrated-extreme-poverty'], changedAt }, now)).toMatchObject({
      waived: true,
      register: 'concentrated-extreme-poverty',
    });
  });

  it('does not waive for 低保边缘 or 支出型贫困, without a status, or without a person key', () => {
    expect(decideFeeWaiver(key, { registers: ['near-dibao', 'expenditure-poverty'], changedAt }, now)).toMatchObject({
      waived: false,
      register: null,
      basis: 'relief-status-copy',
    });
    expect(decideFeeWaiver(key, { registers: [], changedAt }, now).waived).toBe(false);
    expect(decideFeeWaiver(key, null, now)).toMatchObject({ waived: false, basis: 'no-relief-status' });
    expect(decideFeeWaiver(null, { registers: ['dibao'], changedAt }, now)).toMatchObject({ waived: false, basis: 'no-person-key' });
  });

  describe('as of the death', () => {
    const diedAt = new Date('2026-03-04T00:00:00Z');
    const waived = decideFeeWaiver(key, { registers: ['dibao'], changedAt }, now, { diedAt, previous: null });

    it('never withdraws a waiver: taken off the register after the death keeps it', () => {
      expect(waived).toMatchObject({ waived: true, register: 'dibao' });
      const removed = { registers: [] as [], changedAt: new Date('2026-03-05T00:00:00Z') };
      expect(decideFeeWaiver(key, removed, new Date('2026-03-07T00:00:00Z'), { diedAt, previous: waived })).toBe(waived);
      expect(decideFeeWaiver(key, null, new Date('2026-03-07T00:00:00Z'), { diedAt, previous: waived })).toBe(waived);
    });

    it('grants from a status that arrives later but changed before the death; not from one changed after it', () => {
      const none = decideFeeWaiver(key, null, now, { diedAt, previous: null });
      expect(
        decideFeeWaiver(key, { registers: ['dispersed-extreme-poverty'], changedAt: new Date('2026-03-03T00:00:00Z') }, now, {
          diedAt,
          previous: none,
        }),
      ).toMatchObject({ waived: true, register: 'dispersed-extreme-poverty' });
      expect(
        decideFeeWaiver(key, { registers: ['dibao'], changedAt: new Date('2026-03-05T00:00:00Z') }, now, { diedAt, previous: none }),
      ).toMatchObject({ waived: false, basis: 'status-after-death' });
    });
  });
});
