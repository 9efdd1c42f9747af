import { classifyFailure } from '@civil/messaging';
import { insertedDespiteDuplicates, isDuplicateKeyError, TransientWriteError } from './write-errors';

describe('write errors', () => {
  it('recognises duplicate keys alone', () => {
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isDuplicateKeyError({ writeErrors: [{ code: 11000 }, { code: 11000 }] })).toBe(true);
    expect(isDuplicateKeyError({ writeErrors: [{ code: 11000 }, { code: 121 }] })).toBe(false);
    expect(isDuplicateKeyError(new Error('network'))).toBe(false);
  });

  it('tells which documents an unordered insert kept', () => {
    const docs = [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }];
    expect(insertedDespiteDuplicates(docs, { writeErrors: [{ index: 1, code: 11000 }] })).toEqual([{ _id: 'a' }, { _id: 'c' }]);
    expect(() => insertedDespiteDuplicates(docs, { writeErrors: [{ index: 1, code: 2 }] })).toThrow();
  });

  it('marks a passing failure as one to retry', () => {
    const e = new TransientWriteError('the relay made no progress');
    expect(classifyFailure(e)).toBe('transient');
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('the relay made no progress');
  });
});
