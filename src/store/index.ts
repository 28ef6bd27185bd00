import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { StateStore } from '../ports/state-store.ts';
import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';

export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
export { MIGRATIONS, MigrationError, pendingMigrations, type Dialect, type Migration } from './migrations.ts';
export { TicketLockTimeout, TransactionAborted, UnknownDeadLetter } from './errors.ts';
export { looksLikeEmail, maskEmails, scrubAuditDetail } from './pii-guard.ts';

/** The `store` key of the config file (src/config/schema.ts). */
export type StoreConfig = { sqlite: string } | { postgres: string };

export interface OpenStoreOptions {
  logger: Logger;
  clock?: Clock;
}

/**
 * Opens the configured store and brings its schema up to date.
 * `{ sqlite: path }`: the file (and its directories) is created on first use.
 * `{ postgres: url }`: a `schema` query parameter (`…/db?schema=deskbridge`) picks the schema; default `public`.
 */
export async function openStore(config: StoreConfig, opts: OpenStoreOptions): Promise<StateStore> {
  const store = 'sqlite' in config ? new SqliteStore(config.sqlite, opts) : postgresStore(config.postgres, opts);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

function postgresStore(connectionString: string, opts: OpenStoreOptions): PostgresStore {
  const url = new URL(connectionString);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return new PostgresStore({ ...opts, connectionString: url.toString(), ...(schema ? { schema } : {}) });
}
