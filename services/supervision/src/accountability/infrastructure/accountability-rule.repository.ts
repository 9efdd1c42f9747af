import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
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

/** The rule set for one case type and region, as its store writes it (its history is appended beside it). */
export interface RuleSetting {
  /** `caseType` for every region, `caseType@divisionCode` for one. */
  ruleId: string;
  caseType: CaseType;
  divisionCode: string;
  current: AccountabilityRule | null;
}

export interface RuleView {
  caseType: CaseType;
  rule: AccountabilityRule | null;
  /** default: the built-in rule, never replaced; set: one set for `divisionCode`. */
  source: 'default' | 'set';
  /** The division the rule was set for ('' = every region); null when the built-in default applies. */
  divisionCode: string | null;
  history: RuleVersion[];
}

export const ruleIdOf = (caseType: CaseType, divisionCode: string) => (divisionCode ? `${caseType}@${divisionCode}` : caseType);

/**
 * Accountability rules per case type and region (`accountability_rules`): the current rule and
 * every replacement. A case takes the rule of the narrowest division that has one set, else the
 * one set for every region, else the built-in default. Each candidate is a key lookup.
 */
@Injectable()
export class AccountabilityRuleRepository implements OnModuleInit {
  private readonly collection: Collection<RuleDoc>;
  /** Sets a rule (the replacement appended to `history`); it publishes nothing. */
  readonly store: AggregateStore<RuleSetting, 'ruleId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<RuleDoc>(connection, 'accountability_rules');
    this.store = new AggregateStore({
      collection: collectionOf(connection, 'accountability_rules'),
      idField: 'ruleId',
      relay,
      events: noEvents,
      noun: 'accountability rule',
      hidden: ['history'],
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    // rules set before they were versioned: version 0, so the store's compare-and-set finds them
    await this.collection.updateMany({ version: { $exists: false } } as never, { $set: { version: 0 } } as never);
    await this.store.ensureIndexes();
  }

  /** The rule a case of this type in `divisionCode` ('' = where no region set its own) is judged by. */
  async get(caseType: CaseType, divisionCode = ''): Promise<AccountabilityRule | null> {
    return (await this.view(caseType, divisionCode)).rule;
  }

  async view(caseType: CaseType, divisionCode = ''): Promise<RuleView> {
    for (const code of [...(divisionCode ? divisionAncestors(divisionCode).reverse() : []), '']) {
      const doc = await this.collection.findOne({ _id: ruleIdOf(caseType, code) });
      if (doc) return { caseType, rule: doc.current, source: 'set', divisionCode: doc.divisionCode ?? '', history: doc.history };
    }
    return { caseType, rule: DEFAULT_ACCOUNTABILITY_RULES[caseType], source: 'default', divisionCode: null, history: [] };
  }
}
