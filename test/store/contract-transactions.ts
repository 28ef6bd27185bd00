import { describe, expect, it } from 'vitest';
import { isStoreConflict } from '../../src/ports/state-store.ts';
import { TransactionAborted } from '../../src/store/errors.ts';
import { MIGRATIONS, MigrationError, type Migration } from '../../src/store/migrations.ts';
import { expectConflict, link, type Ctx } from './contract-support.ts';

class Boom extends Error {}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** Transactions and migrations. */
export function transactionCases(ctx: Ctx): void {
  describe('transactions', () => {
    it('commits every write of the callback and returns its value', async () => {
      const s = await ctx.store();
      const value = await s.transaction(async (tx) => {
        await tx.putLink(link());
        await tx.putBase('dwp', '501', { subject: 'a' });
        await tx.deleteCreateIntent('none');
        return 'done';
      });
      expect(value).toBe('done');
      expect(await s.countLinks('dwp')).toBe(1);
      expect(await s.getBase('dwp', '501')).toEqual({ subject: 'a' });
    });

    it('rolls back every write when the callback throws, and rethrows', async () => {
      const s = await ctx.store();
      await s.putCheckpoint('dwp', 'zendesk', 'before');
      const run = s.transaction(async (tx) => {
        await tx.putLink(link());
        await tx.putBase('dwp', '501', { subject: 'a' });
        await tx.putCheckpoint('dwp', 'zendesk', 'after');
        // A call on the store itself (not tx) in the callback joins the transaction too.
        await s.audit({ at: '2025-03-03T09:00:00.000Z', connection: 'dwp', action: 'link' });
        throw new Boom('remote create failed');
      });
      await expect(run).rejects.toBeInstanceOf(Boom);
      expect(await s.countLinks('dwp')).toBe(0);
      expect(await s.getBase('dwp', '501')).toBeNull();
      expect(await s.getCheckpoint('dwp', 'zendesk')).toBe('before');
      expect(await s.listAudit()).toEqual([]);
    });

    it('joins a nested transaction to the outer one', async () => {
      const s = await ctx.store();
      await expect(
        s.transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.putLink(link()));
          throw new Boom('outer fails after inner finished');
        }),
      ).rejects.toBeInstanceOf(Boom);
      expect(await s.countLinks('dwp')).toBe(0);
    });

    it('rolls back the outer transaction when a nested one threw, even if the error was caught', async () => {
      const s = await ctx.store();
      const run = s.transaction(async (tx) => {
        await tx.putCheckpoint('dwp', 'jsm', 'x');
        await tx.transaction(async () => {
          throw new Boom('inner');
        }).catch(() => undefined);
      });
      const err = await run.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransactionAborted);
      expect((err as TransactionAborted).cause).toBeInstanceOf(Boom);
      expect(await s.getCheckpoint('dwp', 'jsm')).toBeNull();
    });

    it('lets the caller handle a uniqueness conflict inside a transaction and still commit', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      await s.transaction(async (tx) => {
        const err = await tx.putLink(link({ jsmId: '10002', jsmKey: 'HELP-2' })).catch((e: unknown) => e);
        expect(isStoreConflict(err)).toBe(true);
        await tx.addDeadLetter({ connection: 'dwp', system: 'jsm', ticketId: '10002', reason: 'already linked', kind: 'Conflict' });
      });
      expect(await s.listDeadLetters()).toHaveLength(1);
    });

    it('does not roll back writes made outside the transaction while it was open', async () => {
      const s = await ctx.store();
      const written = deferred();
      const gate = deferred();
      const tx = s.transaction(async (t) => {
        await t.putCheckpoint('dwp', 'zendesk', 'inside');
        written.resolve();
        await gate.promise;
        throw new Boom('rollback');
      });
      await written.promise;
      // Another worker's write, from outside the transaction's async context.
      const outside = Promise.resolve().then(() => s.putCheckpoint('dwp', 'jsm', 'outside'));
      gate.resolve();
      await expect(tx).rejects.toBeInstanceOf(Boom);
      await outside;
      expect(await s.getCheckpoint('dwp', 'zendesk')).toBeNull();
      expect(await s.getCheckpoint('dwp', 'jsm')).toBe('outside');
    });

    it('runs concurrent transactions without losing or mixing their writes', async () => {
      const s = await ctx.store();
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          s.transaction(async (tx) => {
            await tx.putLink(link({ zendeskId: `${600 + i}`, jsmId: `${20000 + i}`, jsmKey: `HELP-${100 + i}` }));
            await tx.mergeBase('dwp', `${600 + i}`, { subject: `s${i}` });
            if (i % 2) throw new Boom(`odd ${i}`);
          }).catch((e: unknown) => {
            if (!(e instanceof Boom)) throw e;
          }),
        ),
      );
      expect((await s.listLinks('dwp')).map((l) => l.zendeskId).sort()).toEqual(['600', '602', '604', '606']);
      expect(await s.getBase('dwp', '601')).toBeNull();
      expect(await s.getBase('dwp', '602')).toEqual({ subject: 's2' });
    });
  });

  describe('migrations', () => {
    const versions = async () => (await ctx.t.rawQuery('SELECT version FROM schema_version ORDER BY version')).map((r) => Number(r.version));
    const known = MIGRATIONS.map((m) => m.version);

    it('creates its tables on first use without an explicit migrate()', async () => {
      const s = ctx.unmigrated();
      await s.putLink(link());
      expect(await s.countLinks('dwp')).toBe(1);
      expect(await versions()).toEqual(known);
    });

    it('is idempotent: migrating again, or reopening, applies nothing and keeps the data', async () => {
      const s = await ctx.store();
      await s.putLink(link());
      await s.migrate();
      const again = await ctx.store();
      await again.migrate();
      expect(await versions()).toEqual(known);
      expect(await again.listLinks('dwp')).toEqual([link()]);
    });

    it('applies a migration added later exactly once', async () => {
      await ctx.store();
      const extra: Migration = { version: 99, name: 'test column', sql: { sqlite: ['ALTER TABLE links ADD COLUMN note TEXT'], postgres: ['ALTER TABLE links ADD COLUMN note TEXT'] } };
      await ctx.store({ migrations: [...MIGRATIONS, extra] });
      const third = await ctx.store({ migrations: [...MIGRATIONS, extra] });
      expect(await versions()).toEqual([...known, 99]);
      await third.putLink(link());
      expect(await third.countLinks('dwp')).toBe(1);
    });

    it('refuses a store whose schema is newer than the code', async () => {
      await ctx.store();
      const older = ctx.unmigrated({ migrations: MIGRATIONS.slice(0, 1) });
      await expect(older.migrate()).rejects.toBeInstanceOf(MigrationError);
    });

    it('leaves no half-applied migration behind when one fails', async () => {
      const broken: Migration = { version: 1, name: 'broken', sql: { sqlite: ['CREATE TABLE half (x TEXT)', 'NOT SQL'], postgres: ['CREATE TABLE half (x TEXT)', 'NOT SQL'] } };
      await expect(ctx.unmigrated({ migrations: [broken] }).migrate()).rejects.toThrow();
      const s = await ctx.store();
      expect(await versions()).toEqual(known);
      await expect(ctx.t.rawQuery('SELECT * FROM half')).rejects.toThrow();
      expect(await s.countLinks('dwp')).toBe(0);
    });

    it('migrates once when two workers open the same new database together', async () => {
      const [a, b] = [ctx.unmigrated(), ctx.unmigrated()];
      await Promise.all([a.migrate(), b.migrate()]);
      expect(await versions()).toEqual(known);
      await a.putLink(link());
      await expectConflict(b.putLink(link({ jsmId: '10009' })), 'link');
    });
  });
}
