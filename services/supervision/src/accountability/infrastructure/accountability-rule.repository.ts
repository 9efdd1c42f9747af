import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { AccountabilityRule, DEFAULT_ACCOUNTABILITY_RULES } from '../domain/accountability-rule';

export interface RuleVersion {
  /** null: this case type opens no accountability case by itself. */
  rule: AccountabilityRule | null;
  previous: AccountabilityRule | null;
  setBy: string;
  setAt: Date;
}

/** Where a rule applies: '' (or absent, as stored before rules were regional) everywhere, otherwise a division and everything under it. */
type RuleDoc = { _id: string; caseType: CaseType; divisionCode?: string; current: AccountabilityRule | null; history: RuleVersion[] };

export interface RuleView {
  caseType: CaseType;
  rule: AccountabilityRule | null;
  /** default: the built-in rule, never replaced; set: one set for `divisionCode`. */
  source: 'default' | 'set';
  /** The division the rule was set for ('' = every region); null when the built-in default applies. */
  divisionCode: string | null;
  history: RuleVersion[];
}

const idOf = (caseType: CaseType, divisionCode: string) => (divisionCode ? `${caseType}@${divisionCode}` : caseType);

/**
 * Accountability rules per case type and region (`accountability_rules`): the current rule and
 * every replacement. A case takes the rule of the narrowest division that has one set, else the
 * one set for every region, else the built-in default. Each candidate is a key lookup.
 */
@Injectable()
export class AccountabilityRuleRepository {
  private readonly collection: Collection<RuleDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<RuleDoc>(connection, 'accountability_rules');
  }

  /** The rule a case of this type in `divisionCode` ('' = where no region set its own) is judged by. */
  async get(caseType: CaseType, divisionCode = ''): Promise<AccountabilityRule | null> {
    return (await this.view(caseType, divisionCode)).rule;
  }

  async view(caseType: CaseType, divisionCode = ''): Promise<RuleView> {
    for (const code of [...(divisionCode ? divisionAncestors(divisionCode).reverse() : []), '']) {
      const doc = await this.collection.findOne({ _id: idOf(caseType, code) });
      if (doc) return { caseType, rule: doc.current, source: 'set', divisionCode: doc.divisionCode ?? '', history: doc.history };
    }
    return { caseType, rule: DEFAULT_ACCOUNTABILITY_RULES[caseType], source: 'default', divisionCode: null, history: [] };
  }

  /** Sets the rule of a region ('' = every region); `previous` is what applied there before. */
  async set(caseType: CaseType, divisionCode: string, rule: AccountabilityRule | null, setBy: string, setAt: Date): Promise<RuleView> {
    const previous = await this.get(caseType, divisionCode);
    await this.collection.updateOne(
      { _id: idOf(caseType, divisionCode) },
      { $set: { caseType, divisionCode, current: rule }, $push: { history: { rule, previous, setBy, setAt } } },
      { upsert: true },
    );
    return this.view(caseType, divisionCode);
  }
}
