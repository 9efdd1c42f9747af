import { Injectable } from '@nestjs/common';
import { CASE_TYPES, CaseType } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { assertMaySetFor, InjectClock, isNational, Principal } from '@civil/platform';
import { AccountabilityRule } from '../domain/accountability-rule';
import { AccountabilityRuleRepository, ruleIdOf, RuleView } from '../infrastructure/accountability-rule.repository';

/**
 * Accountability rules per region (narrowest division wins). Every region's default is set at
 * national level; a province (its officers or discipline officers) or an administrator replaces
 * it for its own jurisdiction and what lies inside it.
 */
@Injectable()
export class AccountabilityRulesService {
  constructor(
    private readonly rules: AccountabilityRuleRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Each case type's rule as it applies in `divisionCode` ('' = where no region set its own). */
  all(divisionCode = ''): Promise<RuleView[]> {
    return Promise.all(CASE_TYPES.map((t) => this.rules.view(t, divisionCode)));
  }

  /** A new rule applies to escalations from now on; accountability cases already opened stay. */
  async set(caseType: CaseType, divisionCode: string, rule: AccountabilityRule | null, by: Principal): Promise<RuleView> {
    assertMaySetFor(by, divisionCode);
    if (!isNational(by) && !by.roles.includes('admin') && by.jurisdiction.length !== 2) {
      throw DomainError.forbidden(
        'ProvinceLevelOnly',
        'accountability rules are set at province level (省级) for the province, or by an administrator',
        { jurisdiction: by.jurisdiction },
      );
    }
    // what applied there before (a region's own, else an enclosing one's, else the default)
    const previous = await this.rules.get(caseType, divisionCode);
    const setAt = this.clock.now();
    await this.rules.store.upsert(ruleIdOf(caseType, divisionCode), () => ({
      next: { ruleId: ruleIdOf(caseType, divisionCode), caseType, divisionCode, current: rule },
      changes: [],
      push: { history: { rule, previous, setBy: by.sub, setAt } },
    }));
    return this.rules.view(caseType, divisionCode);
  }
}
