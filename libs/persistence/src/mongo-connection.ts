import type { Collection, Document } from 'mongodb';
import mongoose, { Connection } from 'mongoose';

/** What an acknowledged write must have reached. */
export interface WriteConcernOptions {
  /** `majority` or a number of members. */
  w: 'majority' | number;
  /** Acknowledged only once in the journal. */
  journal: boolean;
  timeoutMs: number;
}

/** A journaled majority: what a write acknowledged to a caller must have reached. */
export const DURABLE_WRITES: WriteConcernOptions = { w: 'majority', journal: true, timeoutMs: 10_000 };

export interface MongoConnectionOptions {
  /** Tries while the database starts (default 30). */
  attempts?: number;
  /** Default: a journaled majority. */
  writes?: WriteConcernOptions;
  /** Longest wait for one answer; unset waits as long as the driver's default (forever). */
  socketTimeoutMs?: number;
}

/**
 * Opens a mongoose connection, retrying while the database starts. Commands buffer while the
 * connection is down and fail after `bufferTimeoutMS`, which the consumer runner treats as an
 * outage (retry, never dead-letter).
 */
export async function connectMongo(url: string, dbName: string, options: MongoConnectionOptions = {}): Promise<Connection> {
  const { attempts = 30, writes = DURABLE_WRITES, socketTimeoutMs } = options;
  let lastError: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      const conn = mongoose.createConnection(url, {
        dbName,
        serverSelectionTimeoutMS: 5_000,
        // a server that accepts the connection but never answers the handshake (frozen) counts as down
        connectTimeoutMS: 5_000,
        ...(socketTimeoutMs ? { socketTimeoutMS: socketTimeoutMs } : {}),
        maxPoolSize: 20,
        autoIndex: true,
        writeConcern: { w: writes.w, journal: writes.journal, wtimeoutMS: writes.timeoutMs },
      });
      await conn.asPromise();
      return conn;
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, Math.min(200 * i, 2_000)));
    }
  }
  throw new Error(`database ${url}/${dbName} unreachable after ${attempts} attempts: ${(lastError as Error)?.message}`);
}

/** A typed driver collection of a service's database (repositories work on the driver directly). */
export function collectionOf<T extends Document>(connection: Connection, name: string): Collection<T> {
  return connection.collection<T>(name) as unknown as Collection<T>;
}
