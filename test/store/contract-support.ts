import { expect } from 'vitest';
import type { Logger } from '../../src/logging/logger.ts';
import type { Link } from '../../src/model/index.ts';
import type { Clock } from '../../src/ports/clock.ts';
import { StoreConflict, type StateStore } from '../../src/ports/state-store.ts';
import type { StoreConfig } from '../../src/store/index.ts';
import type { Migration } from '../../src/store/migrations.ts';

export interface OpenOptions {
  logger?: Logger;
  clock?: Clock;
  migrations?: readonly Migration[];
}

/** One database kind under the shared contract. */
export interface StoreUnderTest {
  kind: 'sqlite' | 'postgres';
  /** Prepares a fresh, empty database (file / schema) for the next test. */
  fresh(): Promise<void>;
  /** A new store object on the current database (not migrated yet). */
  open(opts?: OpenOptions): StateStore;
  /** Raw SQL on the current database, outside any store object (for assertions). */
  rawQuery(sql: string): Promise<Record<string, unknown>[]>;
  /** The config `store` value naming the current database (openStore, the crash child). */
  config(): StoreConfig;
  /** Drops the current database. */
  dispose(): Promise<void>;
}

/** Per-test context the case files share. */
export interface Ctx {
  t: StoreUnderTest;
  /** Opens, migrates, and closes after the test. */
  store(opts?: OpenOptions): Promise<StateStore>;
  /** Opens without migrating, closed after the test. */
  unmigrated(opts?: OpenOptions): StateStore;
  clock: Clock & { advance(ms: number): void };
  /** A logger whose lines are kept in `logLines` (to prove what is and is not logged). */
  logger: Logger;
  logLines: string[];
}

export const T0 = Date.parse('2025-03-03T09:00:00.000Z');

export const link = (over: Partial<Link> = {}): Link => ({
  connection: 'dwp',
  zendeskId: '501',
  jsmId: '10001',
  jsmKey: 'HELP-1',
  createdAt: '2025-03-03T09:00:00.000Z',
  origin: 'zendesk',
  ...over,
});

export async function expectConflict(p: Promise<unknown>, kind: StoreConflict['kind']): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreConflict);
  expect((err as StoreConflict).kind).toBe(kind);
}
