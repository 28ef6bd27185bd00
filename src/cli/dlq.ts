import type { Command } from 'commander';
import { z } from 'zod';
import { replayDeadLetter } from '../engine/index.ts';
import { RuntimeFlags, parseFlags, runtimeOptions, withRuntime } from './common.ts';
import type { Output } from './output.ts';

/**
 * `deskbridge dlq list` shows the tickets that could not be synced and why; `deskbridge dlq replay
 * <id…> | --all` processes them again (both sides re-read) and resolves those that now succeed.
 */

const ListFlags = RuntimeFlags.extend({ all: z.boolean().default(false) });
const ReplayFlags = RuntimeFlags.extend({
  all: z.boolean().default(false),
  ids: z.array(z.coerce.number().int().positive('dead letter ids are positive whole numbers')).default([]),
}).refine((f) => f.all || f.ids.length > 0, { message: 'give dead letter ids or --all', path: ['ids'] });

export function register(program: Command, out: Output): void {
  const dlq = program.command('dlq').description('dead letters: tickets that could not be synced');
  runtimeOptions(dlq.command('list').description('list open dead letters'))
    .option('--all', 'include resolved ones')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(ListFlags, raw, out, 'dlq list');
      if (!flags) return;
      await withRuntime(flags, out, async (rt) => {
        const rows = (await rt.store.listDeadLetters({ includeResolved: flags.all })).filter((d) => rt.connections.some((c) => c.connection.id === d.connection));
        if (flags.json) out.json(rows);
        else if (rows.length === 0) out.line('no dead letters');
        else
          for (const d of rows)
            out.line(`#${d.id}  ${d.connection}  ${d.system}:${d.ticketId}  [${d.kind}] ×${d.attempts}  ${d.createdAt}${d.resolvedAt ? `  resolved ${d.resolvedAt}` : ''}\n    ${d.reason}`);
        return 0;
      });
    });
  runtimeOptions(dlq.command('replay').description('process dead-lettered tickets again').argument('[ids...]', 'dead letter ids'))
    .option('--all', 'every open dead letter')
    .action(async (ids: string[], raw: Record<string, unknown>) => {
      const flags = parseFlags(ReplayFlags, { ...raw, ids }, out, 'dlq replay');
      if (!flags) return;
      await withRuntime(flags, out, async (rt) => {
        const open = await rt.store.listDeadLetters();
        const wanted = flags.all ? open.map((d) => d.id) : flags.ids;
        const results = [];
        for (const id of wanted) {
          const dl = open.find((d) => d.id === id) ?? (await rt.store.getDeadLetter(id));
          const c = dl && rt.connections.find((x) => x.connection.id === dl.connection);
          if (!dl || !c) {
            out.error(`dlq replay: no dead letter #${id} in the selected connections`);
            results.push({ id, resolved: false, failures: [{ errorKind: 'NotFound', reason: 'no such dead letter' }] });
            continue;
          }
          const r = await replayDeadLetter(c.deps(), id);
          results.push(r);
          if (!flags.json) out.line(`#${id} ${r.resolved ? 'resolved' : `still failing: ${r.failures.map((f) => `[${f.errorKind}] ${f.reason}`).join('; ')}`}`);
        }
        if (flags.json) out.json(results);
        return results.every((r) => r.resolved) ? 0 : 1;
      });
    });
}
