import { ageOn, checkedIdNumber, currentRegisters, endMembership, enrol, personFacts, registersOn } from './person';

describe('person', () => {
  it('checks and normalises ID numbers, naming the broken rule without repeating the number', () => {
    expect(checkedIdNumber('11010519491231002X', '2026-03-01')).toBe('11010519491231002X');
    expect(() => checkedIdNumber('110105194912310021', '2026-03-01')).toThrow(/idNumber/);
    try {
      checkedIdNumber('110105194912310021', '2026-03-01');
    } catch (e) {
      expect((e as Error).message).not.toContain('110105194912310021');
    }
    expect(checkedIdNumber('110105491231002', '2026-03-01')).toHaveLength(18);
  });

  it('derives masked values, birth date and sex', () => {
    const facts = personFacts(
      { name: '王小明', idNumber: '11010519491231002X', phone: '13812345678', divisionCode: '330521101' },
      '11010519491231002X',
    );
    expect(facts).toMatchObject({
      nameMasked: '王**',
      idNumberMasked: '1101**********002X',
      phoneMasked: '138****5678',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('counts age in whole years on a day', () => {
    expect(ageOn('1956-03-02', '2026-03-01')).toBe(69);
    expect(ageOn('1956-03-02', '2026-03-02')).toBe(70);
  });

  it('keeps register memberships with their history: one person, many sources', () => {
    let m = enrol([], { register: 'dibao', sourceType: 'household', sourceId: 'hh-1', from: '2022-06-01' });
    m = enrol(m, { register: 'dibao', sourceType: 'household', sourceId: 'hh-1', from: '2022-07-01' }); // already open: no-op
    m = enrol(m, { register: 'dispersed-extreme-poverty', sourceType: 'key-person-list', sourceId: 'kp-1', from: '2022-09-01' });
    expect(m).toHaveLength(2);
    expect(currentRegisters(m)).toEqual(['dibao', 'dispersed-extreme-poverty']);
    m = endMembership(m, 'dibao', 'hh-1', '2023-01-01');
    expect(currentRegisters(m)).toEqual(['dispersed-extreme-poverty']);
    expect(registersOn(m, '2022-12-31')).toEqual(['dibao', 'dispersed-extreme-poverty']);
    expect(registersOn(m, '2023-01-01')).toEqual(['dispersed-extreme-poverty']);
    expect(registersOn(m, '2022-05-31')).toEqual([]);
  });
});
