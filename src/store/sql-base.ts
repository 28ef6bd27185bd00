import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../ports/clock.ts';
import { systemClock } from '../ports/clock.ts';
import type { StateStore } from '../ports/state-store.ts';
import { silentLogger, type Logger } from '../logging/logger.ts';
import { TransactionAborted } from './errors.ts';
import { MIGRATIONS, SCHEMA_VERSION_TABLE, pendingMigrations, type Dialect, type Migration } from './migrations.ts';
import { Q } from './queries.ts';
import * as rows from './rows.ts';

export type SqlValue = string | number | null;

export interface SqlStoreOptions {
  logger?: Logger;
  clock?: Clock;
  /** Replaces the built-in migration list (tests of the migration runner). */
  migrations?: readonly Migration[];
}

interface TxScope<H> {
  active: boolean;
  /** Set when a nested `transaction` callback threw: the outer one must not commit. */
  failure: { cause: unknown } | null;
  handle: H;
}

/**
 * Transaction scoping and migrations for both databases. A backend supplies statement execution
 * and begin/commit/rollback over its own transaction handle `H`.
 *
 * Transactions are scoped with AsyncLocalStorage: any call on this store made in the async context
 * of a `transaction` callback runs inside that transaction (so helpers that take the store, not the
 * `tx`, still join it), while calls from other contexts stay outside it.
 */
export abstract class SqlStoreBase<H> {
  protected abstract readonly dialect: Dialect;
  protected readonly logger: Logger;
  protected readonly clock: Clock;
  private readonly migrationList: readonly Migration[];
  private readonly scope = new AsyncLocalStorage<TxScope<H>>();
  private migrated: Promise<void> | null = null;

  constructor(opts: SqlStoreOptions = {}) {
    this.logger = opts.logger ?? silentLogger();
    this.clock = opts.clock ?? systemClock;
    this.migrationList = opts.migrations ?? MIGRATIONS;
  }

  /** Rows of a statement (SELECT or … RETURNING). Runs in the current transaction if there is one. */
  protected abstract rawRows(sql: string, params: readonly SqlValue[]): Promise<rows.Row[]>;
  /** Executes a statement; returns the number of rows it changed. */
  protected abstract rawRun(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** Opens a transaction and returns its handle (waits for the connection/lock it needs). */
  protected abstract begin(): Promise<H>;
  /** Commits or rolls back, and always gives the handle's resources back. */
  protected abstract finish(handle: H, outcome: 'commit' | 'rollback'): Promise<void>;
  /** Runs first inside the migration transaction (Postgres: schema + advisory lock). */
  protected async beforeMigrate(): Promise<void> {}

  /** The handle of the transaction the caller runs in, if any. */
  protected currentTx(): H | undefined {
    const s = this.scope.getStore();
    return s?.active ? s.handle : undefined;
  }

  protected now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  // ---- migrations and transactions

  /** Applies pending migrations once per store object; later calls return the same promise. */
  migrate(): Promise<void> {
    this.migrated ??= this.applyMigrations().catch((err: unknown) => {
      this.migrated = null;
      throw err;
    });
    return this.migrated;
  }

  private async applyMigrations(): Promise<void> {
    await this.inTransaction(async () => {
      await this.beforeMigrate();
      await this.rawRun(SCHEMA_VERSION_TABLE, []);
      const applied = (await this.rawRows(Q.appliedVersions, [])).map((r) => rows.intOf(r.version));
      for (const m of pendingMigrations(applied, this.migrationList)) {
        for (const statement of m.sql[this.dialect]) await this.rawRun(statement, []);
        await this.rawRun(Q.recordVersion, [m.version, m.name, this.now()]);
        this.logger.info({ store: this.dialect, version: m.version }, 'store migration applied');
      }
    }, false);
  }

  async transaction<T>(fn: (tx: StateStore) => Promise<T>): Promise<T> {
    if (!this.currentTx()) await this.migrate();
    return this.inTransaction(() => fn(this.asStore()), true);
  }

  /** The store a transaction callback receives (the concrete store itself). */
  protected abstract asStore(): StateStore;

  /**
   * Several statements of one store method as one unit. Joins the caller's transaction without
   * marking it failed on a throw: the methods throw (e.g. StoreConflict) before writing anything.
   */
  protected async atomic<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.currentTx()) await this.migrate();
    return this.inTransaction(fn, false);
  }

  /** Joins the caller's transaction, or opens one. */
  private async inTransaction<T>(fn: () => Promise<T>, failOuterOnThrow: boolean): Promise<T> {
    const outer = this.scope.getStore();
    if (outer?.active) {
      try {
        return await fn();
      } catch (err) {
        if (failOuterOnThrow) outer.failure ??= { cause: err };
        throw err;
      }
    }
    const scope: TxScope<H> = { active: true, failure: null, handle: await this.begin() };
    let result: T;
    try {
      result = await this.scope.run(scope, fn);
    } catch (err) {
      scope.active = false;
      await this.finish(scope.handle, 'rollback').catch((rollbackErr: unknown) =>
        this.logger.error({ store: this.dialect, err: rollbackErr }, 'rollback failed'),
      );
      throw err;
    }
    scope.active = false;
    if (scope.failure) {
      await this.finish(scope.handle, 'rollback');
      throw new TransactionAborted(scope.failure.cause);
    }
    await this.finish(scope.handle, 'commit');
    return result;
  }

  protected async all(sql: string, params: readonly SqlValue[]): Promise<rows.Row[]> {
    await this.migrate();
    return this.rawRows(sql, params);
  }

  protected async one(sql: string, params: readonly SqlValue[]): Promise<rows.Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  protected async run(sql: string, params: readonly SqlValue[]): Promise<number> {
    await this.migrate();
    return this.rawRun(sql, params);
  }
}
