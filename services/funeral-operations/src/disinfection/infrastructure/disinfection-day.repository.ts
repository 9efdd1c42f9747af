import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { DisinfectionDay } from '../domain/disinfection';

/** One document per home and Beijing day (`disinfection_days`, id `<homeId>:<day>`): rounds and recorded misses. */
@Injectable()
export class DisinfectionDayRepository implements OnModuleInit {
  static readonly COLLECTION = 'disinfection_days';
  private readonly documents: VersionedDocuments<DisinfectionDay, 'dayId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.documents = new VersionedDocuments(collectionOf(connection, DisinfectionDayRepository.COLLECTION), 'dayId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(dayId: string): Promise<Versioned<DisinfectionDay> | undefined> {
    return this.documents.get(dayId);
  }

  insert(doc: DisinfectionDay, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(doc, events);
  }

  save(version: number, next: DisinfectionDay, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }
}
