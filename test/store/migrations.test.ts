import { describe, expect, it } from 'vitest';
import { MIGRATIONS, MigrationError, pendingMigrations, type Migration } from '../../src/store/migrations.ts';

const m = (version: number): Migration => ({ version, name: `m${version}`, sql: { sqlite: [], postgres: [] } });

describe('pendingMigrations', () => {
  it.each([
    { name: 'a new store gets every migration', applied: [], all: [1, 2, 3], pending: [1, 2, 3] },
    { name: 'an up-to-date store gets none', applied: [1, 2, 3], all: [1, 2, 3], pending: [] },
    { name: 'an older store gets the newer ones in order', applied: [1], all: [1, 2, 3], pending: [2, 3] },
    { name: 'a gap left by a skipped version is filled', applied: [1, 3], all: [1, 2, 3], pending: [2] },
  ])('$name', ({ applied, all, pending }) => {
    expect(pendingMigrations(applied, all.map(m)).map((x) => x.version)).toEqual(pending);
  });

  it.each([
    ['repeated', [1, 1]],
    ['decreasing', [2, 1]],
    ['zero', [0, 1]],
    ['fractional', [1, 1.5]],
  ])('refuses %s versions', (_name, versions) => {
    expect(() => pendingMigrations([], versions.map(m))).toThrow(MigrationError);
  });

  it('refuses a store newer than the code', () => {
    expect(() => pendingMigrations([1, 2, 4], [m(1), m(2), m(3)])).toThrow(/newer than this deskbridge/);
  });

  it('ships increasing versions with SQL for both dialects', () => {
    expect(pendingMigrations([], MIGRATIONS)).toHaveLength(MIGRATIONS.length);
    for (const migration of MIGRATIONS) {
      expect(migration.sql.sqlite.length).toBeGreaterThan(0);
      expect(migration.sql.postgres.length).toBe(migration.sql.sqlite.length);
    }
  });
});
