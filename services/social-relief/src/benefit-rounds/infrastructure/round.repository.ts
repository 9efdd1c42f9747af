import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { BenefitRound } from '../domain/round';

/** `benefit_rounds`: one document per round, compare-and-set on its version. */
@Injectable()
export class RoundRepository implements OnModuleInit {
  static readonly COLLECTION = 'benefit_rounds';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<BenefitRound, 'roundId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf(connection, RoundRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'roundId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  insert(round: BenefitRound): Promise<boolean> {
    return this.documents.insert(round, []);
  }

  get(roundId: string): Promise<Versioned<BenefitRound> | undefined> {
    return this.documents.get(roundId);
  }

  save(version: number, next: BenefitRound): Promise<boolean> {
    return this.documents.save(version, next, []);
  }

  /** Progress of a running round (a hint for screens; the status moves by compare-and-set). */
  async recordProgress(roundId: string, progress: BenefitRound['progress']): Promise<void> {
    await this.collection.updateOne(
      { _id: roundId as never },
      {
        $max: {
          'progress.bucketsDone': progress.bucketsDone,
          'progress.scanned': progress.scanned,
          'progress.eligible': progress.eligible,
        },
      },
    );
  }

  /** Rounds, newest first (a scan: there are few). */
  async list(): Promise<BenefitRound[]> {
    const docs = await this.collection.find({}, { projection: { outbox: 0, outboxLease: 0, version: 0 } }).toArray();
    return docs
      .map(({ _id, ...rest }) => ({ ...rest, roundId: String(_id) }) as BenefitRound)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
