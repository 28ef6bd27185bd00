import type pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import type { TicketLock } from '../ports/state-store.ts';
import { TicketLockTimeout } from './errors.ts';
import { KeyedMutex } from './keyed-mutex.ts';

export interface PgTicketLocksOptions {
  /** Opens the dedicated session that holds this process's advisory locks. */
  connect: () => Promise<pg.Client>;
  /** Prefix of every lock key (e.g. the schema), so stores in different schemas do not block each other. */
  namespace: string;
  logger: Logger;
  /** Longest wait in `run` before TicketLockTimeout. */
  waitMs: number;
}

const POLL_MIN_MS = 5;
const POLL_MAX_MS = 100;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * "Never two workers on one ticket", across processes: PostgreSQL session advisory locks
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS), keyed by a 64-bit
 * hash of the ticket key (`hashtextextended`; a collision only serialises two tickets, never
 * lets two workers share one).
 *
 * All locks of a process live on ONE dedicated session, outside the pool, so holding many locks
 * never starves the pool. Session advisory locks are re-entrant within a session, so an in-process
 * lock per key comes first; and because a blocking `pg_advisory_lock` would stall that shared
 * session, waiting is done by polling `pg_try_advisory_lock` with backoff.
 */
export class PgTicketLocks {
  private readonly opts: PgTicketLocksOptions;
  private readonly local = new KeyedMutex();
  private session: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(opts: PgTicketLocksOptions) {
    this.opts = opts;
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const releaseLocal = await this.local.acquire(key);
    try {
      const holder = await this.waitForRemote(key);
      try {
        return await fn();
      } finally {
        await this.unlock(holder, key);
      }
    } finally {
      releaseLocal();
    }
  }

  async tryLock(key: string): Promise<TicketLock | null> {
    const releaseLocal = this.local.tryAcquire(key);
    if (!releaseLocal) return null;
    let holder: pg.Client | null;
    try {
      holder = await this.tryRemote(key);
    } catch (err) {
      releaseLocal();
      throw err;
    }
    if (!holder) {
      releaseLocal();
      return null;
    }
    let released = false;
    return {
      key,
      release: async () => {
        if (released) return;
        released = true;
        try {
          await this.unlock(holder, key);
        } finally {
          releaseLocal();
        }
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    if (session) await (await session).end().catch(() => undefined);
  }

  private async waitForRemote(key: string): Promise<pg.Client> {
    const started = Date.now();
    for (let delay = POLL_MIN_MS; ; delay = Math.min(POLL_MAX_MS, delay * 2)) {
      const holder = await this.tryRemote(key);
      if (holder) return holder;
      const waited = Date.now() - started;
      if (waited >= this.opts.waitMs) throw new TicketLockTimeout(key, waited);
      await sleep(Math.min(delay, this.opts.waitMs - waited));
    }
  }

  /** Takes the advisory lock if free; returns the session holding it (unlock must use the same one). */
  private async tryRemote(key: string): Promise<pg.Client | null> {
    const client = await this.client();
    const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [this.lockName(key)]);
    return res.rows[0]?.ok === true ? client : null;
  }

  private async unlock(holder: pg.Client, key: string): Promise<void> {
    // A session that died took its locks with it: nothing to unlock (and a new session does not own them).
    if (!this.session || (await this.session) !== holder) return;
    try {
      await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.lockName(key)]);
    } catch (err) {
      this.opts.logger.warn({ store: 'postgres', key, err: errorMessage(err) }, 'ticket lock release failed');
    }
  }

  private lockName(key: string): string {
    return `deskbridge:${this.opts.namespace}:${key}`;
  }

  private client(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    if (!this.session) {
      const session = this.opts.connect().then((client) => {
        client.on('error', (err) => {
          // Every lock this session held is gone; the holders' work goes on, new lockers get a new session.
          this.opts.logger.error({ store: 'postgres', err: errorMessage(err) }, 'ticket lock session lost');
          if (this.session === session) this.session = null;
        });
        return client;
      });
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
      this.session = session;
    }
    return this.session;
  }
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
