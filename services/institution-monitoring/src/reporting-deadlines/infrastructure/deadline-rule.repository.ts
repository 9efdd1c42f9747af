import { Injectable } from '@nestjs/common';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { UnitType } from '@civil/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { DeadlineRule, DeadlineVersion, ruleId } from '../domain/reporting-deadline';

type RuleDoc = DeadlineRule & { _id: string };

/** Deadline rules per region and unit type (`reporting_deadlines`), each with its history. */
@Injectable()
export class DeadlineRuleRepository {
  private readonly collection: Collection<RuleDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<RuleDoc>(connection, 'reporting_deadlines');
  }

  async addVersion(divisionCode: string, unitType: UnitType | null, version: DeadlineVersion): Promise<DeadlineRule> {
    const _id = ruleId(divisionCode, unitType);
    await this.collection.updateOne({ _id }, { $setOnInsert: { divisionCode, unitType }, $push: { history: version } }, { upsert: true });
    return (await this.collection.findOne({ _id }, { projection: { _id: 0 } })) as DeadlineRule;
  }

  async all(): Promise<DeadlineRule[]> {
    return (await this.collection.find({}, { projection: { _id: 0 } }).toArray()) as DeadlineRule[];
  }
}
