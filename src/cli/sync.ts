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
 * (the others go on). Exit codes: 0 done; 1 config problems, a connection stopped or (with --once) a
 * pass that failed; 2 bad flags.
 */

const SyncFlags = RuntimeFlags.extend({ once: z.boolean().default(false) });

export interface PassResult {
  summary: SyncSummary | null;
  /** Connections whose pass failed this time (a feed that could not be read, a store error…). */
  failed: number;
}

/**
 * One pass over the given connections. Refused credentials stop a connection (dropped from `live`);
 * any other failure is reported and the connection is tried again on the next pass: its checkpoint
 * only moved past pages whose effects are durable.
 */
export async function syncPass(live: ConnectionRuntime[], out: Output, logger: Logger): Promise<PassResult> {
  let summary: SyncSummary | null = null;
  let failed = 0;
  for (const c of [...live]) {
    const progress = progressReporter();
    try {
      const s = await syncConnection(c.deps({ onProgress: progress.onProgress })).finally(() => progress.stop());
      summary = summary ? addSummaries(summary, s) : s;
    } catch (err) {
      if (err instanceof ConnectionStopped) {
        logger.error({ connection: c.connection.id, system: err.system }, 'connection stopped: credentials refused');
        out.error(`connection ${c.connection.id} stopped: ${err.message}`);
        live.splice(live.indexOf(c), 1);
      } else {
        failed++;
        logger.error({ connection: c.connection.id, err: err instanceof Error ? err.message : String(err) }, 'sync pass failed');
        out.error(`connection ${c.connection.id}: this pass failed and will be retried: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return { summary, failed };
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
          const pass = await syncPass(live, out, logger);
          print(pass.summary);
          return live.length < rt.connections.length || pass.failed > 0 ? 1 : 0;
        }
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const pollMs = Math.min(...rt.connections.map((c) => c.connection.pollSeconds)) * 1000;
          while (!stop.signal.aborted && live.length > 0) {
            print((await syncPass(live, out, logger)).summary);
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
