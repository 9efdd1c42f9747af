import type { Collection, Document } from 'mongodb';
import mongoose, { Connection } from 'mongoose';

/**
 * Opens a mongoose connection, retrying while the database starts. Commands buffer while the
 * connection is down and fail after `bufferTimeoutMS`, which the consumer runner treats as an
 * outage (retry, never dead-letter).
 */
export async function connectMongo(url: string, dbName: string, attempts = 30): Promise<Connection> {
  let lastError: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      const conn = mongoose.createConnection(url, { dbName, serverSelectionTimeoutMS: 5_000, maxPoolSize: 20, autoIndex: true });
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
