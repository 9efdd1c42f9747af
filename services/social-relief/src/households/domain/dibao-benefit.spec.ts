import { dibaoBenefit, minimumTopUpFen } from './dibao-benefit';

const settings = (minimumTopUpPercent: number) => ({
  standardFen: 105_000,
  supplementPercent: { 'age-70': 10, 'serious-illness': 20, 'severe-disability': 20, minor: 10 },
  minimumTopUpPercent,
});
const adults = ['a', 'b', 'c'].map((personId) => ({ personId, age: 40, flags: [] }));

describe('the minimum top-up (补差额度最低标准, seed 003 篇十一)', () => {
  it('raises a gap below the minimum to it: three on 1050 元 with 3100 元 income get 315 元 (10 % × 3), not 50 元', () => {
    expect(dibaoBenefit(adults, 310_000, settings(10))).toEqual({
      gapFen: 5_000,
      minimumTopUpFen: 31_500,
      topUpFen: 31_500,
      supplements: [],
      monthlyBenefitFen: 31_500,
    });
  });

  it('leaves a gap at or above the minimum as it is', () => {
    expect(dibaoBenefit(adults, 315_000 - 31_500, settings(10))).toMatchObject({ gapFen: 31_500, topUpFen: 31_500 });
    expect(dibaoBenefit(adults, 150_000, settings(10))).toMatchObject({ gapFen: 165_000, topUpFen: 165_000 });
  });

  it('adds supplements on top of the raised top-up', () => {
    const members = [...adults.slice(0, 2), { personId: 'c', age: 75, flags: [] }];
    expect(dibaoBenefit(members, 314_000, settings(10))).toMatchObject({
      gapFen: 1_000,
      topUpFen: 31_500,
      monthlyBenefitFen: 31_500 + 10_500,
    });
  });

  it('is per member, a percent of the standard rounded to the fen; 0 % is no minimum', () => {
    expect(minimumTopUpFen(1, { standardFen: 100_001, minimumTopUpPercent: 15 })).toBe(15_000);
    expect(minimumTopUpFen(4, { standardFen: 105_000, minimumTopUpPercent: 15 })).toBe(63_000);
    expect(dibaoBenefit(adults, 314_999, settings(0))).toMatchObject({ gapFen: 1, topUpFen: 1 });
  });
});
