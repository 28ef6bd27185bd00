import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe } from 'vitest';
import type { StateStore } from '../../src/ports/state-store.ts';
import { T0, type Ctx, type OpenOptions, type StoreUnderTest } from './contract-support.ts';
import { durabilityCases } from './contract-durability.ts';
import { linkCases } from './contract-links.ts';
import { lockCases } from './contract-locks.ts';
import { recordCases } from './contract-records.ts';
import { transactionCases } from './contract-transactions.ts';

export type { StoreUnderTest } from './contract-support.ts';

/** The one suite every StateStore implementation must pass. */
export function storeContract(t: StoreUnderTest): void {
  describe(`StateStore contract: ${t.kind}`, () => {
    const opened: StateStore[] = [];
    const ctx = {} as Ctx;

    beforeEach(async () => {
      await t.fresh();
      let now = T0;
      const logLines: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          logLines.push(chunk.toString());
          done();
        },
      });
      Object.assign(ctx, {
        t,
        clock: { now: () => now, advance: (ms: number) => (now += ms) },
        logLines,
        logger: pino({ level: 'warn' }, sink),
        unmigrated: (opts?: OpenOptions) => {
          const s = t.open({ clock: ctx.clock, logger: ctx.logger, ...opts });
          opened.push(s);
          return s;
        },
        store: async (opts?: OpenOptions) => {
          const s = ctx.unmigrated(opts);
          await s.migrate();
          return s;
        },
      } satisfies Ctx);
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await t.dispose();
    });

    linkCases(ctx);
    recordCases(ctx);
    transactionCases(ctx);
    lockCases(ctx);
    durabilityCases(ctx);
  });
}
