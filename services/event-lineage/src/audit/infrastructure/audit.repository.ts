import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import { InjectClock, Principal } from '@civil/platform';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { decodeCursor, encodeCursor } from '../../lookups/application/cursor';

export type AuditAction = 'query' | 'replay';

export interface AuditEntry {
  id: string;
  at: string;
  sub: string;
  action: AuditAction;
  detail: Record<string, unknown>;
}

type AuditDoc = {
  _id: string;
  at: Date;
  sub: string;
  roles: string[];
  jurisdiction: string;
  action: AuditAction;
  detail: Record<string, unknown>;
};

/**
 * Who looked at what and who replayed what (`audit`): every query and every replay, written
 * before the answer is sent. Read newest first, each caller seeing the entries of callers inside
 * its own jurisdiction.
 */
@Injectable()
export class AuditRepository {
  private readonly collection: Collection<AuditDoc>;

  constructor(
    @InjectDatabase() connection: Connection,
    @InjectClock() private readonly clock: Clock,
  ) {
    this.collection = collectionOf(connection, 'audit');
  }

  async record(principal: Principal, action: AuditAction, detail: Record<string, unknown>, id: string = randomUUID()): Promise<string> {
    await this.collection.insertOne({
      _id: id,
      at: this.clock.now(),
      sub: principal.sub,
      roles: principal.roles,
      jurisdiction: principal.jurisdiction,
      action,
      detail,
    });
    return id;
  }

  async list(
    scope: { jurisdiction: string; national: boolean },
    limit: number,
    cursor?: string,
  ): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
    const filter: Record<string, unknown> = scope.national ? {} : { jurisdiction: { $regex: `^${scope.jurisdiction}` } };
    const after = cursor ? decodeCursor(cursor) : undefined;
    if (after) filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
    const docs = await this.collection
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(limit + 1)
      .toArray();
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => ({ id: d._id, at: d.at.toISOString(), sub: d.sub, action: d.action, detail: d.detail })),
      ...(docs.length > limit && last ? { nextCursor: encodeCursor(last.at, last._id) } : {}),
    };
  }
}
