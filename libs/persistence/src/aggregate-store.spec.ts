import { classifyFailure } from '@civil/messaging';
import { ConcurrentChangeError } from './aggregate-store';

describe('ConcurrentChangeError', () => {
  it('is a conflict over HTTP and retried by a consumer, never dead-lettered at once', () => {
    const error = new ConcurrentChangeError('case c-1 kept changing; try again', { id: 'c-1' });
    expect(error).toMatchObject({ name: 'DomainError', kind: 'conflict', code: 'ConcurrentUpdate', transient: true });
    expect(classifyFailure(error)).toBe('transient');
  });
});
