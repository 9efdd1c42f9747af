import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { BED_SUBSIDY_UNIT_TYPES, InstitutionCopy } from '../domain/institution-copy';

/** `institution_copies`: one document per unit, written by compare-and-set; no outbox (nothing is published). */
@Injectable()
export class InstitutionCopyRepository implements OnModuleInit {
  static readonly COLLECTION = 'institution_copies';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<InstitutionCopy, 'unitId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf(connection, InstitutionCopyRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'unitId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(unitId: string): Promise<Versioned<InstitutionCopy> | undefined> {
    return this.documents.get(unitId);
  }

  insert(copy: InstitutionCopy): Promise<boolean> {
    return this.documents.insert(copy, []);
  }

  save(version: number, next: InstitutionCopy): Promise<boolean> {
    return this.documents.save(version, next, []);
  }

  /** Social-capital elderly homes (and day-care centres) inside a division: a scan, fine for a round. */
  async socialCapitalElderlyHomes(divisionCode: string): Promise<InstitutionCopy[]> {
    const docs = await this.collection
      .find(
        { operator: 'social-capital', unitType: { $in: [...BED_SUBSIDY_UNIT_TYPES] } },
        { projection: { appliedEvents: 0, outbox: 0, outboxLease: 0, version: 0 } },
      )
      .toArray();
    return docs
      .filter((d) => String(d.divisionCode).startsWith(divisionCode))
      .map(({ _id, ...rest }) => ({ ...rest, unitId: String(_id) }) as InstitutionCopy);
  }
}
