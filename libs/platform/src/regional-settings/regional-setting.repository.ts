import { Injectable } from '@nestjs/common';
import { RegionalSetting, settingId, SettingVersion } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

type SettingDoc = RegionalSetting & { _id: string };

/** Region-set values (`regional_settings`), one document per key and division, with history. */
@Injectable()
export class RegionalSettingRepository {
  private readonly collection: Collection<SettingDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<SettingDoc>(connection, 'regional_settings');
  }

  async addVersion(key: string, divisionCode: string, version: SettingVersion): Promise<RegionalSetting> {
    const _id = settingId(key, divisionCode);
    await this.collection.updateOne({ _id }, { $setOnInsert: { key, divisionCode }, $push: { history: version } }, { upsert: true });
    return (await this.collection.findOne({ _id }, { projection: { _id: 0 } })) as RegionalSetting;
  }

  async all(): Promise<RegionalSetting[]> {
    return (await this.collection.find({}, { projection: { _id: 0 } }).toArray()) as RegionalSetting[];
  }
}
