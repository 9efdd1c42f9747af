import { ageOn, countEligible } from './eligibility';

describe('seed 004 辖区12岁以上人群应种尽种: eligibility for the 91.2% floor', () => {
  it('counts age in whole years, turning 12 on the birthday', () => {
    expect(ageOn('2014-03-02', '2026-03-01')).toBe(11);
    expect(ageOn('2014-03-02', '2026-03-02')).toBe(12);
    expect(ageOn('2012-02-29', '2024-02-28')).toBe(11);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
  });

  it('leaves out the under-12 and the contraindicated, counts an unknown age as eligible, and no status as unvaccinated', () => {
    const counts = countEligible(
      [
        { birthDate: '1950-01-01', status: 'vaccinated' },
        { birthDate: '1950-01-01', status: 'unvaccinated' },
        { birthDate: '1950-01-01', status: null },
        { birthDate: '1950-01-01', status: 'contraindicated' },
        { birthDate: '2015-06-01', status: 'unvaccinated' },
        { birthDate: '2014-03-02', status: 'vaccinated' },
        { birthDate: null, status: 'vaccinated' },
        { birthDate: null, status: null },
      ],
      '2026-03-02',
    );
    expect(counts).toEqual({ eligible: 6, vaccinated: 3, ageUnknown: 2, underAge: 1, contraindicated: 1 });
  });
});
