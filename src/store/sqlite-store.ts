import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SystemName } from '../model/index.ts';
import { ticketLockKey, type TicketLock } from '../ports/state-store.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import type { Dialect } from './migrations.ts';
import type { Row } from './rows.ts';
import { SqlStateStore, type SqlStoreOptions, type SqlValue } from './sql-store.ts';

export interface SqliteStoreOptions extends SqlStoreOptions {
  /** How long a write waits for another connection's write lock before failing (ms). */
  busyTimeoutMs?: number;
}

/** The SQLite transaction handle: the connection is the store's own; the handle holds its exclusive turn. */
type SqliteTx = { readonly release: () => void };

const TX_KEY = 'transaction';
const IS_MEMORY = (path: string) => path === ':memory:' || path === '';

interface FileLocks {
  /** Whose turn it is to hold a transaction open on this file. */
  tx: KeyedMutex;
  tickets: KeyedMutex;
}

/**
 * Locks of every SqliteStore in this process, per database file, so two store objects on one file
 * still exclude each other: a second in-process BEGIN IMMEDIATE would otherwise block the event loop
 * in SQLite's busy wait while the first transaction cannot progress. SQLite is the one-process
 * store: across processes, only SQLite's own file lock applies; use Postgres for several workers.
 */
const fileLocks = new Map<string, FileLocks>();

function locksFor(path: string): FileLocks {
  if (IS_MEMORY(path)) return { tx: new KeyedMutex(), tickets: new KeyedMutex() };
  const file = resolve(path);
  let locks = fileLocks.get(file);
  if (!locks) fileLocks.set(file, (locks = { tx: new KeyedMutex(), tickets: new KeyedMutex() }));
  return locks;
}

/**
 * The embedded default store: one SQLite file through Node's built-in `node:sqlite` (no native addon).
 * https://nodejs.org/api/sqlite.html
 *
 * Durability: WAL with `synchronous = FULL`, so a transaction that returned is on disk even if the
 * process is SIGKILLed right after. One connection serves the whole process; a transaction takes it
 * exclusively (other calls wait for the COMMIT instead of slipping into the open transaction).
 */
export class SqliteStore extends SqlStateStore<SqliteTx> {
  protected readonly dialect: Dialect = 'sqlite';
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly txLock: KeyedMutex;
  private readonly ticketLocks: KeyedMutex;

  constructor(path: string, opts: SqliteStoreOptions = {}) {
    super(opts);
    this.path = path;
    const memory = IS_MEMORY(path);
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    this.db = new DatabaseSync(path, { timeout: opts.busyTimeoutMs ?? 5_000 });
    // https://www.sqlite.org/pragma.html — WAL lets readers run beside the writer; FULL syncs the WAL on every commit.
    const mode = this.db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode;
    if (!memory && mode !== 'wal') this.logger.warn({ store: 'sqlite', mode }, 'SQLite WAL mode not available');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    const locks = locksFor(path);
    this.txLock = locks.tx;
    this.ticketLocks = locks.tickets;
  }

  /** Prepared once per SQL text; `$n` parameters become SQLite's numbered `?n`. */
  private statement(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql.replace(/\$(\d+)/g, '?$1'));
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs a synchronous step, waiting first if another context holds an open transaction. */
  private async exclusive<T>(step: () => T): Promise<T> {
    if (this.currentTx() || !this.txLock.isHeld(TX_KEY)) return step();
    const release = await this.txLock.acquire(TX_KEY);
    try {
      return step();
    } finally {
      release();
    }
  }

  protected rawRows(sql: string, params: readonly SqlValue[]): Promise<Row[]> {
    return this.exclusive(() => this.statement(sql).all(...(params as SQLInputValue[])));
  }

  protected rawRun(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.exclusive(() => Number(this.statement(sql).run(...(params as SQLInputValue[])).changes));
  }

  protected async begin(): Promise<SqliteTx> {
    const release = await this.txLock.acquire(TX_KEY);
    try {
      // IMMEDIATE takes the write lock now, so a second process fails fast (busy timeout) at BEGIN, not mid-way.
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      release();
      throw err;
    }
    return { release };
  }

  protected async finish(tx: SqliteTx, outcome: 'commit' | 'rollback'): Promise<void> {
    try {
      if (outcome === 'commit') {
        try {
          this.db.exec('COMMIT');
        } catch (err) {
          if (this.db.isTransaction) this.db.exec('ROLLBACK');
          throw err;
        }
      } else if (this.db.isTransaction) {
        this.db.exec('ROLLBACK');
      }
    } finally {
      tx.release();
    }
  }

  async close(): Promise<void> {
    if (!this.db.isOpen) return;
    // Let an open transaction finish first: closing under it would lose it.
    await this.txLock.run(TX_KEY, async () => {
      this.statements.clear();
      this.db.close();
    });
  }

  async withTicketLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.ticketLocks.run(key, fn);
  }

  async tryLockTicket(connection: string, system: SystemName, id: string): Promise<TicketLock | null> {
    const key = ticketLockKey(connection, system, id);
    const release = this.ticketLocks.tryAcquire(key);
    return release ? { key, release: async () => release() } : null;
  }
}
