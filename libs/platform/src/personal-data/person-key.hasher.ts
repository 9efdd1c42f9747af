import { createHmac } from 'node:crypto';
import { normalizeIdNumber } from '@civil/kernel';

/**
 * The person key: HMAC-SHA256 (hex) of the normalised 18-character ID number under a secret all
 * services share (PERSON_KEY_SECRET). Two services holding the same person compute the same key,
 * so they can match records without exchanging the ID number; without the secret the key cannot be
 * reversed by trying every plausible number.
 */
export class PersonKeyHasher {
  constructor(private readonly secret: string) {
    if (!secret) throw new Error('PersonKeyHasher needs a secret (PERSON_KEY_SECRET)');
  }

  /** The key of an ID number (15- or 18-character form); throws a RangeError when it is invalid. */
  keyOf(idNumber: string): string {
    return createHmac('sha256', this.secret).update(normalizeIdNumber(idNumber), 'utf8').digest('hex');
  }
}
