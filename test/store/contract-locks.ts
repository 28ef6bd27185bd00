import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ticketLockKey } from '../../src/ports/state-store.ts';
import type { Ctx } from './contract-support.ts';

const KEY = ticketLockKey('dwp', 'zendesk', '501');

/** "Never two workers on one ticket": two store objects on one database stand for two workers. */
export function lockCases(ctx: Ctx): void {
  describe('ticket locks', () => {
    it('never lets two workers run on the same ticket at once', async () => {
      const [w1, w2] = [await ctx.store(), await ctx.store()];
      const events: string[] = [];
      const work = (name: string) => async () => {
        events.push(`${name} in`);
        await sleep(30);
        events.push(`${name} out`);
        return name;
      };
      const results = await Promise.all([w1.withTicketLock(KEY, work('a')), w2.withTicketLock(KEY, work('b')), w1.withTicketLock(KEY, work('c'))]);
      expect(results).toEqual(['a', 'b', 'c']);
      // Each section closes before the next opens.
      for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
    });

    it('lets different tickets run at the same time', async () => {
      const [w1, w2] = [await ctx.store(), await ctx.store()];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = w1.withTicketLock(KEY, () => held);
      const other = await w2.withTicketLock(ticketLockKey('dwp', 'zendesk', '502'), async () => 'ran');
      expect(other).toBe('ran');
      release();
      await first;
    });

    it('gives a try-lock only while the ticket is free', async () => {
      const [w1, w2] = [await ctx.store(), await ctx.store()];
      const lock = await w1.tryLockTicket('dwp', 'zendesk', '501');
      expect(lock?.key).toBe(KEY);
      expect(await w2.tryLockTicket('dwp', 'zendesk', '501')).toBeNull();
      expect(await w1.tryLockTicket('dwp', 'zendesk', '501')).toBeNull();
      const otherSystem = await w2.tryLockTicket('dwp', 'jsm', '501');
      expect(otherSystem).not.toBeNull();
      await lock!.release();
      await lock!.release(); // twice: harmless
      const again = await w2.tryLockTicket('dwp', 'zendesk', '501');
      expect(again).not.toBeNull();
      await again!.release();
      await otherSystem!.release();
    });

    it('makes a waiting worker wait for a try-lock holder', async () => {
      const [w1, w2] = [await ctx.store(), await ctx.store()];
      const lock = await w1.tryLockTicket('dwp', 'zendesk', '501');
      let entered = false;
      const waiting = w2.withTicketLock(KEY, async () => {
        entered = true;
      });
      await sleep(60);
      expect(entered).toBe(false);
      await lock!.release();
      await waiting;
      expect(entered).toBe(true);
    });

    it('releases the lock when the work throws', async () => {
      const [w1, w2] = [await ctx.store(), await ctx.store()];
      await expect(
        w1.withTicketLock(KEY, async () => {
          throw new Error('apply failed');
        }),
      ).rejects.toThrow('apply failed');
      const lock = await w2.tryLockTicket('dwp', 'zendesk', '501');
      expect(lock).not.toBeNull();
      await lock!.release();
    });
  });
}
