import { ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { isObservable, lastValueFrom, Observable } from 'rxjs';
import { DomainErrorFilter } from './domain-error.filter';
import { flattenValidationErrors } from './validation-errors.flattener';

describe('DomainErrorFilter', () => {
  it('hands the error back to message handlers so the consumer can retry or dead-letter', async () => {
    const error = DomainError.conflict('AlreadyClosed', 'closed');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const result = new DomainErrorFilter().catch(error, host);
    expect(isObservable(result)).toBe(true);
    await expect(lastValueFrom(result as Observable<never>)).rejects.toBe(error);
  });
});

describe('flattenValidationErrors', () => {
  it('walks arrays and nested objects into dotted paths', () => {
    const fields = flattenValidationErrors([
      {
        property: 'members',
        children: [
          {
            property: '0',
            children: [{ property: 'idNumber', constraints: { isIdNumber: 'idNumber fails the GB 11643 checksum' }, children: [] }],
          },
        ],
      },
      { property: 'date', constraints: { isDate: 'date must be YYYY-MM-DD', custom: 'not in the future' }, children: [] },
    ]);
    expect(fields).toEqual([
      { field: 'members.0.idNumber', reasons: ['fails the GB 11643 checksum'] },
      { field: 'date', reasons: ['must be YYYY-MM-DD', 'not in the future'] },
    ]);
  });
});
