import type { Command } from 'commander';
import { z } from 'zod';
import type { ConnectionRuntime } from '../app/runtime.ts';
import { ConnectionStopped, syncConnection, type SyncSummary } from '../engine/index.ts';
import type { Logger } from '../logging/logger.ts';
import { RuntimeFlags, parseFlags, runtimeOptions, withRuntime } from './common.ts';
import type { Output } from './output.ts';
import { progressReporter } from './progress.ts';
import { addSummaries, formatSummary } from './summary-format.ts';

/**
 * `deskbridge sync --config F [--once] [--json]`: runs the two-way sync. Without --once it polls every
 * connection at its `pollSeconds` until SIGINT/SIGTERM; a connection whose credentials are refused stops
 * (the others go on). Exit codes: 0 done, 1 config problems or every connection stopped, 2 bad flags.
 */

const SyncFlags = RuntimeFlags.extend({ once: z.boolean().default(false) });

/** One pass over the given connections; stopped ones are reported and dropped from `live`. */
export async function syncPass(live: ConnectionRuntime[], out: Output, logger: Logger): Promise<SyncSummary | null> {
  let total: SyncSummary | null = null;
  for (const c of [...live]) {
    const progress = progressReporter();
    try {
      const s = await syncConnection(c.deps({ onProgress: progress.onProgress }));
      total = total ? addSummaries(total, s) : s;
    } catch (err) {
      if (!(err instanceof ConnectionStopped)) throw err;
      logger.error({ connection: c.connection.id, system: err.system }, 'connection stopped: credentials refused');
      out.error(`connection ${c.connection.id} stopped: ${err.message}`);
      live.splice(live.indexOf(c), 1);
    } finally {
      progress.stop();
    }
  }
  return total;
}

function until(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    stop.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

export function register(program: Command, out: Output): void {
  runtimeOptions(program.command('sync').description('run the two-way sync (polls until stopped unless --once)'))
    .option('--once', 'one pass, then exit')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(SyncFlags, raw, out, 'sync');
      if (!flags) return;
      await withRuntime(flags, out, async (rt, logger) => {
        const live = [...rt.connections];
        const print = (s: SyncSummary | null) => {
          if (!s) return;
          if (flags.json) out.json(s);
          else for (const line of formatSummary(s)) out.line(line);
        };
        if (flags.once) {
          print(await syncPass(live, out, logger));
          return live.length === 0 ? 1 : 0;
        }
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const pollMs = Math.min(...rt.connections.map((c) => c.connection.pollSeconds)) * 1000;
          while (!stop.signal.aborted && live.length > 0) {
            print(await syncPass(live, out, logger));
            await until(pollMs, stop.signal);
          }
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        return live.length === 0 ? 1 : 0;
      });
    });
}
