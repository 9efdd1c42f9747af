import { DomainError } from '@civil/kernel';
import { Principal } from './principal.model';
import { assertMaySetFor } from './settings.policy';

const refusal = (action: () => void): DomainError => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('assertMaySetFor', () => {
  const guangdong: Principal = { sub: 'p', roles: ['province-officer'], jurisdiction: '44' };
  const admin: Principal = { sub: 'a', roles: ['admin'], jurisdiction: '33' };
  const national: Principal = { sub: 'n', roles: ['national-admin'], jurisdiction: '11' };

  it('leaves every region’s default to the national level', () => {
    expect(refusal(() => assertMaySetFor(guangdong, undefined)).code).toBe('NationalRoleRequired');
    expect(refusal(() => assertMaySetFor(admin, '')).code).toBe('NationalRoleRequired');
    expect(() => assertMaySetFor(national, undefined)).not.toThrow();
  });

  it('lets a province write its own subtree only, and the national level any region', () => {
    expect(() => assertMaySetFor(guangdong, '4401')).not.toThrow();
    expect(refusal(() => assertMaySetFor(guangdong, '33')).code).toBe('OutsideJurisdiction');
    expect(() => assertMaySetFor(national, '330521')).not.toThrow();
  });
});
