import { Injectable } from '@nestjs/common';
import { CASE_TYPES, CaseType } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { AccountabilityRule } from '../domain/accountability-rule';
import { AccountabilityRuleRepository, RuleView } from '../infrastructure/accountability-rule.repository';

/** The rules are the same everywhere: only the province level (or an administrator) replaces them. */
@Injectable()
export class AccountabilityRulesService {
  constructor(
    private readonly rules: AccountabilityRuleRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  all(): Promise<RuleView[]> {
    return Promise.all(CASE_TYPES.map((t) => this.rules.view(t)));
  }

  /** A new rule applies to escalations from now on; accountability cases already opened stay. */
  set(caseType: CaseType, rule: AccountabilityRule | null, by: Principal): Promise<RuleView> {
    if (!by.roles.includes('admin') && by.jurisdiction.length !== 2) {
      throw DomainError.forbidden('ProvinceLevelOnly', 'accountability rules are set at province level (省级) or by an administrator', { jurisdiction: by.jurisdiction });
    }
    return this.rules.set(caseType, rule, by.sub, this.clock.now());
  }
}
