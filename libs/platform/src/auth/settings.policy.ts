import { DomainError } from '@civil/kernel';
import { assertCovers } from './jurisdiction.policy';
import { Principal, Role } from './principal.model';

/** The role that acts for the whole country (全国) on settings. */
export const NATIONAL_ROLE: Role = 'national-admin';

export function isNational(principal: Principal): boolean {
  return principal.roles.includes(NATIONAL_ROLE);
}

/**
 * Who may set a value regions fall back to (a regional setting, a reporting deadline, an
 * escalation ladder, an accountability rule, a checklist template). Without a division
 * (`undefined` or '') it is the default of every region that has none of its own: only the
 * national level sets it (403 `NationalRoleRequired`). A region's value is set by the national
 * level or by a caller whose jurisdiction covers the region (403 `OutsideJurisdiction`), so a
 * province writes its own subtree and nothing above or beside it. Which roles may write at all is
 * each route's `@Roles`, which lists `national-admin` beside the regional writers.
 */
export function assertMaySetFor(principal: Principal, divisionCode: string | undefined): void {
  if (!divisionCode) {
    if (isNational(principal)) return;
    throw DomainError.forbidden(
      'NationalRoleRequired',
      'the default for every region (全国默认) is set at national level (national-admin); give divisionCode to set your region’s',
      {
        field: 'divisionCode',
      },
    );
  }
  if (isNational(principal)) return;
  assertCovers(principal, divisionCode);
}
