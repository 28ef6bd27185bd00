import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.ts';
import { SqliteStore, openStore } from '../../src/store/index.ts';
import { link } from './contract-support.ts';
import { storeContract } from './store-contract.ts';

let dir = '';
let path = '';

storeContract({
  kind: 'sqlite',
  async fresh() {
    dir = mkdtempSync(join(tmpdir(), 'deskbridge-store-'));
    // A directory that does not exist yet: the store creates it.
    path = join(dir, 'state', 'deskbridge.db');
  },
  open: (opts) => new SqliteStore(path, opts),
  async rawQuery(sql) {
    const db = new DatabaseSync(path);
    try {
      return db.prepare(sql).all().map((row) => ({ ...row }));
    } finally {
      db.close();
    }
  },
  config: () => ({ sqlite: path }),
  async dispose() {
    rmSync(dir, { recursive: true, force: true });
  },
});

describe('SqliteStore specifics', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('works in memory, for tests and dry runs', async () => {
    const s = new SqliteStore(':memory:');
    await s.putLink(link());
    expect(await s.countLinks('dwp')).toBe(1);
    await s.close();
  });

  it('creates the file and its directories, in WAL mode, on open', async () => {
    const d = mkdtempSync(join(tmpdir(), 'deskbridge-store-'));
    dirs.push(d);
    const file = join(d, 'a', 'b', 'state.db');
    const s = await openStore({ sqlite: file }, { logger: silentLogger() });
    expect(existsSync(file)).toBe(true);
    const db = new DatabaseSync(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual(expect.objectContaining({ journal_mode: 'wal' }));
    db.close();
    await s.close();
    await s.close(); // closing twice is harmless
  });
});
