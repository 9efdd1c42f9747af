import { FieldCipher } from './field.cipher';

describe('FieldCipher', () => {
  const cipher = new FieldCipher('test-personal-data-key');

  it('round-trips a string, Chinese included', () => {
    const stored = cipher.encrypt('张三丰');
    expect(cipher.decrypt(stored)).toBe('张三丰');
    expect(stored).not.toContain('张');
  });

  it('writes v1:<iv>:<tag>:<ciphertext> in base64 with a fresh IV each time', () => {
    const a = cipher.encrypt('330521195001011237');
    const b = cipher.encrypt('330521195001011237');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(a.split(':')[1], 'base64')).toHaveLength(12);
    expect(Buffer.from(a.split(':')[2], 'base64')).toHaveLength(16);
    expect(a).not.toBe(b);
    expect(a).not.toContain('330521195001011237');
  });

  it('refuses a tampered value, another key, or a foreign format', () => {
    const stored = cipher.encrypt('李四');
    const [v, iv, tag, body] = stored.split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => new FieldCipher('another-key').decrypt(stored)).toThrow();
    expect(() => cipher.decrypt('plain text')).toThrow(/v1/);
  });
});
