import { classifyFailure, EventRejectedError } from './error-classification';

describe('classifyFailure', () => {
  it('treats an unreachable database or broker as an outage', () => {
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'MongoServerSelectionError' }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('transient');
    expect(
      classifyFailure(Object.assign(new Error('Operation `cases.findOne()` buffering timed out after 10000ms'), { name: 'MongooseError' })),
    ).toBe('transient');
    expect(classifyFailure(new Error('wrapped', { cause: Object.assign(new Error('x'), { name: 'MongoNetworkError' }) }))).toBe(
      'transient',
    );
  });

  it('rejects for good what breaks a rule, and calls anything else a failure', () => {
    expect(classifyFailure(new EventRejectedError('unknown unit'))).toBe('rejected');
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'DomainError', kind: 'invalid' }))).toBe('rejected');
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'DomainError', kind: 'conflict' }))).toBe('failed');
    expect(classifyFailure(new TypeError('undefined is not a function'))).toBe('failed');
    expect(classifyFailure(Object.assign(new Error('other'), { name: 'MongooseError' }))).toBe('failed');
  });
});
