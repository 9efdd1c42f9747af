import { identifierIn, maskName, maskPhone } from './masking';

describe('masking', () => {
  it('keeps the family name of a name', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('李')).toBe('*');
  });

  it('keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-88886666')).toBe('057******6666');
    expect(maskPhone('1234')).toBe('**34');
  });
});

describe('identifierIn', () => {
  it.each([
    ['院内老人 330521194901011234 发热', 'must not contain an ID number'],
    ['旧证号 330521490101123', 'must not contain an ID number'],
    ['联系 138-0571-2345', 'must not contain a phone number'],
    ['联系 138 0571 2345', 'must not contain a phone number'],
  ])('finds an identifier in %s', (text, problem) => {
    expect(identifierIn(text)).toBe(problem);
  });

  it.each([['访客登记不全，未落实预约错峰'], ['床位 120 张，在院 96 人'], ['2026-03-05 复查'], ['德民发〔2026〕1号']])(
    'lets %s through',
    (text) => {
      expect(identifierIn(text)).toBeUndefined();
    },
  );
});
