import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds the derived key to its purpose, so the same secret used elsewhere yields another key. */
const KEY_INFO = 'civil-affairs/field-cipher/v1';

/**
 * Encrypts one personal field (a name, an ID number) for storage: AES-256-GCM with a random IV,
 * under a key derived (HKDF-SHA256) from PERSONAL_DATA_KEY. The stored form is one string,
 * `v1:<iv>:<tag>:<ciphertext>` (base64 parts), so the version can change without a migration.
 * Tampered or foreign values fail to decrypt rather than yield garbage.
 */
export class FieldCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (!secret) throw new Error('FieldCipher needs a key (PERSONAL_DATA_KEY)');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), KEY_INFO, 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const parts = stored.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new Error(`not a ${VERSION} encrypted field`);
    const [, iv, tag, body] = parts.map((p, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from(p, 'base64')));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
