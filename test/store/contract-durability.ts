import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { link, type Ctx } from './contract-support.ts';

const CRASH_WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

/** Runs the crash writer until it reports `commits` committed units, then SIGKILLs it mid-loop. */
function writeAndKill(config: unknown, commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CRASH_WRITER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let committed = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) committed = Math.max(committed, Number(line));
      if (committed >= commits && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    // 'close', not 'exit': every line the child wrote before dying must have been read.
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`crash writer exited by itself (${signal ?? _code}): ${err}`));
    });
  });
}

/** Durability across reopen and a SIGKILL mid-write. */
export function durabilityCases(ctx: Ctx): void {
  describe('durability', () => {
    it('keeps everything across close and reopen', async () => {
      const first = await ctx.store();
      await first.putLink(link());
      await first.putBase('dwp', '501', { subject: 'a' });
      await first.putCheckpoint('dwp', 'jsm', 'cp');
      await first.putCreateIntent({ id: 'i1', connection: 'dwp', target: 'jsm', sourceId: '502', linkStamp: 'deskbridge_dwp_zendesk_502', createdAt: 'now' });
      const dl = await first.addDeadLetter({ connection: 'dwp', system: 'zendesk', ticketId: '503', reason: 'r', kind: 'Invalid' });
      await first.audit({ at: 'now', connection: 'dwp', action: 'link' });
      await first.close();

      const reopened = await openStore(ctx.t.config(), { logger: ctx.logger });
      try {
        expect(await reopened.listLinks('dwp')).toEqual([link()]);
        expect(await reopened.getBase('dwp', '501')).toEqual({ subject: 'a' });
        expect(await reopened.getCheckpoint('dwp', 'jsm')).toBe('cp');
        expect(await reopened.getCreateIntent('dwp', 'jsm', '502')).not.toBeNull();
        expect(await reopened.getDeadLetter(dl.id)).toEqual(dl);
        expect(await reopened.listAudit()).toHaveLength(1);
      } finally {
        await reopened.close();
      }
    });

    it('is consistent after the writing process is SIGKILLed mid-loop, and loses no committed unit', async () => {
      const reported = await writeAndKill(ctx.t.config(), 25);
      const s = await ctx.store();

      const checkpoint = await s.getCheckpoint('crash', 'zendesk');
      const n = (JSON.parse(checkpoint ?? '{"n":0}') as { n: number }).n;
      // Everything the writer saw committed is there (it may have committed one more before dying).
      expect(n).toBeGreaterThanOrEqual(reported);
      expect(n).toBeLessThanOrEqual(reported + 1);
      // Each unit is all-or-nothing: as many links as the checkpoint says, each with its base and comment map.
      const links = await s.listLinks('crash');
      expect(links.map((l) => Number(l.zendeskId)).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      for (const l of links) {
        expect(await s.getBase('crash', l.zendeskId)).toEqual({ subject: `s${l.zendeskId}`, status: `st${l.zendeskId}`, priority: `p${l.zendeskId}` });
        expect(await s.findCommentMapping('crash', 'zendesk', `c${l.zendeskId}`)).not.toBeNull();
      }
      // At most the next unit's intent is pending, and it has no link: the engine reads it back.
      const intents = await s.listCreateIntents('crash');
      expect(intents.every((i) => Number(i.sourceId) === n + 1)).toBe(true);
      expect(intents.length).toBeLessThanOrEqual(1);
      // Still writable.
      await s.putLink(link({ connection: 'crash', zendeskId: 'after', jsmId: 'after', jsmKey: 'HELP-0' }));
      if (ctx.t.kind === 'sqlite') {
        expect(await ctx.t.rawQuery('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      }
    });
  });
}
