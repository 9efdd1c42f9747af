import { maskName, maskPhone } from './masking';

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
