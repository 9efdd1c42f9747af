import { createHmac } from 'node:crypto';
import { PersonKeyHasher } from './person-key.hasher';

describe('PersonKeyHasher', () => {
  const hasher = new PersonKeyHasher('test-secret');

  it('is the HMAC-SHA256 hex of the normalised 18-character number', () => {
    const expected = createHmac('sha256', 'test-secret').update('11010519491231002X').digest('hex');
    expect(hasher.keyOf('11010519491231002X')).toBe(expected);
    expect(hasher.keyOf(' 11010519491231002x')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the old 15-digit form the key of its 18-digit form', () => {
    expect(hasher.keyOf('130503670401001')).toBe(hasher.keyOf('130503196704010016'));
  });

  it('depends on the secret', () => {
    expect(new PersonKeyHasher('other').keyOf('11010519491231002X')).not.toBe(hasher.keyOf('11010519491231002X'));
  });

  it('refuses an invalid number and an empty secret', () => {
    expect(() => hasher.keyOf('110105194912310021')).toThrow(RangeError);
    expect(() => new PersonKeyHasher('')).toThrow(/PERSON_KEY_SECRET/);
  });
});
