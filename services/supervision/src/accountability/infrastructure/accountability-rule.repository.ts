import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
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

type RuleDoc = { _id: string; caseType: CaseType; current: AccountabilityRule | null; history: RuleVersion[] };

export interface RuleView {
  caseType: CaseType;
  rule: AccountabilityRule | null;
  /** default: the built-in rule, never replaced. */
  source: 'default' | 'set';
  history: RuleVersion[];
}

/** Accountability rules per case type (`accountability_rules`): the current rule and every replacement. */
@Injectable()
export class AccountabilityRuleRepository {
  private readonly collection: Collection<RuleDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<RuleDoc>(connection, 'accountability_rules');
  }

  async get(caseType: CaseType): Promise<AccountabilityRule | null> {
    const doc = await this.collection.findOne({ _id: caseType });
    return doc ? doc.current : DEFAULT_ACCOUNTABILITY_RULES[caseType];
  }

  async view(caseType: CaseType): Promise<RuleView> {
    const doc = await this.collection.findOne({ _id: caseType });
    return doc ? { caseType, rule: doc.current, source: 'set', history: doc.history } : { caseType, rule: DEFAULT_ACCOUNTABILITY_RULES[caseType], source: 'default', history: [] };
  }

  async set(caseType: CaseType, rule: AccountabilityRule | null, setBy: string, setAt: Date): Promise<RuleView> {
    const previous = await this.get(caseType);
    await this.collection.updateOne(
      { _id: caseType },
      { $set: { caseType, current: rule }, $push: { history: { rule, previous, setBy, setAt } } },
      { upsert: true },
    );
    return this.view(caseType);
  }
}
