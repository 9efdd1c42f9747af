import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { ReliefStatusCopy } from '../domain/relief-status';

/** `relief_status_copy`: one document per person key; read and written by key only. */
@Injectable()
export class ReliefStatusRepository implements OnModuleInit {
  static readonly COLLECTION = 'relief_status_copy';
  private readonly documents: VersionedDocuments<ReliefStatusCopy, 'personKey'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, ReliefStatusRepository.COLLECTION), 'personKey');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(personKey: string): Promise<Versioned<ReliefStatusCopy> | undefined> {
    return this.documents.get(personKey);
  }

  insert(copy: ReliefStatusCopy): Promise<boolean> {
    return this.documents.insert(copy, []);
  }

  save(version: number, copy: ReliefStatusCopy): Promise<boolean> {
    return this.documents.save(version, copy, []);
  }
}
