import pg from 'pg';
import type { SystemName } from '../model/index.ts';
import { ticketLockKey, type TicketLock } from '../ports/state-store.ts';
import type { Dialect } from './migrations.ts';
import { PgTicketLocks, errorMessage } from './pg-ticket-locks.ts';
import type { Row } from './rows.ts';
import { SqlStateStore, type SqlStoreOptions, type SqlValue } from './sql-store.ts';

export interface PostgresStoreOptions extends SqlStoreOptions {
  /** postgres://user@host:port/db (credentials come from config/env, never logged). */
  connectionString: string;
  /** Schema holding the tables (created on migrate). Lower-case letters, digits, `_`. Default `public`. */
  schema?: string;
  /** Pool size (each open transaction holds one connection). Default 10. */
  poolSize?: number;
  /** Longest `withTicketLock` wait before TicketLockTimeout (ms). Default 10 minutes. */
  lockWaitMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The store for several workers and for production: PostgreSQL through `pg` (pure JS) with a pool.
 * https://node-postgres.com/apis/pool
 *
 * Transactions run on a dedicated pool client at READ COMMITTED. Correctness across workers does
 * not rest on the isolation level: the unique constraints reject a second link / intent (read back
 * after `ON CONFLICT DO NOTHING`), `mergeBase` is one atomic upsert, and per-ticket work is serial
 * under `withTicketLock` (advisory locks). SERIALIZABLE would need transparent retries of the
 * callback, which is unsafe once a callback holds side effects.
 */
export class PostgresStore extends SqlStateStore<pg.PoolClient> {
  protected readonly dialect: Dialect = 'postgres';
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly locks: PgTicketLocks;
  private closed = false;

  constructor(opts: PostgresStoreOptions) {
    super(opts);
    const schema = opts.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new RangeError(`invalid Postgres schema name ${JSON.stringify(schema)}`);
    this.schema = schema;
    // Every connection resolves unqualified table names in our schema (a startup parameter, so it is
    // in place before the first query on each new pool client).
    const config: pg.ClientConfig = { connectionString: opts.connectionString, options: `-c search_path=${schema}` };
    this.pool = new pg.Pool({ ...config, max: opts.poolSize ?? 10 });
    // An idle client's connection dropping must not crash the process; the pool replaces it.
    this.pool.on('error', (err) => this.logger.error({ store: 'postgres', err: errorMessage(err) }, 'idle Postgres connection failed'));
    this.locks = new PgTicketLocks({
      namespace: schema,
      logger: this.logger,
      waitMs: opts.lockWaitMs ?? 600_000,
      connect: async () => {
        const client = new pg.Client(config);
        await client.connect();
        return client;
      },
    });
  }

  protected async rawRows(sql: string, params: readonly SqlValue[]): Promise<Row[]> {
    const res = await (this.currentTx() ?? this.pool).query(sql, params as SqlValue[]);
    return res.rows as Row[];
  }

  protected async rawRun(sql: string, params: readonly SqlValue[]): Promise<number> {
    const res = await (this.currentTx() ?? this.pool).query(sql, params as SqlValue[]);
    return res.rowCount ?? 0;
  }

  protected async begin(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    return client;
  }

  protected async finish(client: pg.PoolClient, outcome: 'commit' | 'rollback'): Promise<void> {
    try {
      await client.query(outcome === 'commit' ? 'COMMIT' : 'ROLLBACK');
    } catch (err) {
      // A connection whose COMMIT/ROLLBACK failed is in an unknown state: destroy it, never reuse it.
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    client.release();
  }

  /** Two workers starting together: one migrates, the other waits on the lock and then finds nothing to do. */
  protected override async beforeMigrate(): Promise<void> {
    await this.rawRun('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`deskbridge:migrate:${this.schema}`]);
    await this.rawRun(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`, []);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.locks.close();
    await this.pool.end();
  }

  withTicketLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(key, fn);
  }

  tryLockTicket(connection: string, system: SystemName, id: string): Promise<TicketLock | null> {
    return this.locks.tryLock(ticketLockKey(connection, system, id));
  }
}
