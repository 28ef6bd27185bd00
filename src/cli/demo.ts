import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { openDemoRuntime } from '../app/demo-runtime.ts';
import { syncConnection, type SyncSummary } from '../engine/index.ts';
import { startSimulators, type RunningSimulators } from '../simulators/index.ts';
import { cliLogger, parseFlags } from './common.ts';
import type { Output } from './output.ts';
import { progressReporter } from './progress.ts';
import { formatSummary } from './summary-format.ts';
import { untilSignalled } from './sim.ts';

/**
 * `deskbridge demo`: starts both simulators with seeded tickets over every line, status and group,
 * writes its own config (config/demo.yaml) and store into a fresh folder, runs a two-way sync, and
 * prints the summary and three linked pairs with their URLs on the simulators. A second pass shows
 * that an unchanged estate costs no writes. `--keep` leaves the simulators running to explore.
 */

const DemoFlags = z.object({
  zendeskTickets: z.coerce.number().int().min(1).max(20_000).default(130),
  jsmTickets: z.coerce.number().int().min(1).max(20_000).default(90),
  randomSeed: z.coerce.number().int().min(0).default(7),
  dir: z.string().optional(),
  keep: z.boolean().default(false),
  json: z.boolean().default(false),
});
type DemoFlags = z.infer<typeof DemoFlags>;

export interface DemoResult {
  dir: string;
  configPath: string;
  /** What a `deskbridge` process needs to run `configPath` against the demo's simulators and store. */
  env: Record<string, string>;
  first: SyncSummary;
  second: SyncSummary;
  pairs: { zendesk: string; jsm: string }[];
  /** Dead letters by reason (the reasons name config paths and API messages, never personal data). */
  deadLetters: { reason: string; tickets: string[] }[];
}

/** Runs the demo against simulators it starts; returns what it printed as data (tests use it). */
export async function runDemo(flags: DemoFlags, sims: RunningSimulators, logLevel?: string): Promise<DemoResult> {
  const dir = flags.dir ? resolve(flags.dir) : await mkdtemp(join(tmpdir(), 'deskbridge-demo-'));
  await mkdir(dir, { recursive: true });
  const { rt, configPath, env } = await openDemoRuntime({ dir, simEnv: sims.env, logger: cliLogger(logLevel) });
  try {
    const c = rt.connections[0]!;
    const progress = progressReporter();
    const first = await syncConnection(c.deps({ onProgress: progress.onProgress })).finally(() => progress.stop());
    const second = await syncConnection(c.deps());
    const links = (await rt.store.listLinks(c.connection.id)).slice(0, 3);
    const pairs = links.map((l) => ({ zendesk: `${sims.zendeskUrl}/api/v2/tickets/${l.zendeskId}.json`, jsm: `${sims.jsmUrl}/rest/api/3/issue/${l.jsmKey}` }));
    const byReason = new Map<string, string[]>();
    for (const d of await rt.store.listDeadLetters({ connection: c.connection.id })) {
      const reason = d.reason.replace(/\b(zendesk|jsm):\S+\s*/g, '').trim();
      byReason.set(reason, [...(byReason.get(reason) ?? []), `${d.system}:${d.ticketId}`]);
    }
    const deadLetters = [...byReason].map(([reason, tickets]) => ({ reason, tickets }));
    return { dir, configPath, env, first, second, pairs, deadLetters };
  } finally {
    await rt.close();
  }
}

export function register(program: Command, out: Output): void {
  program
    .command('demo')
    .description('start the simulators with seeded tickets, sync them both ways, and show the result')
    .option('--zendesk-tickets <n>', 'tickets seeded in the Zendesk simulator', '130')
    .option('--jsm-tickets <n>', 'issues seeded in the JSM simulator', '90')
    .option('--random-seed <n>', 'seed of the generated data', '7')
    .option('--dir <path>', 'folder for the demo config and store (default: a new temporary folder)')
    .option('--keep', 'keep the simulators running after the demo (Ctrl-C to stop)')
    .option('--json', 'print the result as JSON')
    .option('--log-level <level>', 'log level on stderr (default warn)')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(DemoFlags, raw, out, 'demo');
      if (!flags) return;
      // The demo's Zendesk has the High Volume add-on's account and export limits (2500/min, 30/min) but a
      // relaxed Update Ticket limit (1000/min instead of 300): a first sync of this many tickets with their
      // comments needs ~400 ticket updates, and the demo should finish in well under a minute.
      // `npm run bench` measures against the real limits.
      const sims = await startSimulators({
        zendeskTickets: flags.zendeskTickets,
        jsmTickets: flags.jsmTickets,
        seed: flags.randomSeed,
        zendeskOptions: { rateLimitPerMinute: 2500, updateRateLimitPerMinute: 1000, exportRateLimitPerMinute: 30 },
        jsmOptions: { rateLimitPerMinute: 3000 },
      });
      try {
        // Dead letters are part of the show (printed below): keep the log to errors unless asked.
        const r = await runDemo(flags, sims, typeof raw.logLevel === 'string' ? raw.logLevel : 'error');
        if (flags.json) out.json(r);
        else {
          out.line(`deskbridge demo: ${flags.zendeskTickets} Zendesk tickets ⇄ ${flags.jsmTickets} JSM issues (config and store in ${r.dir})`);
          out.line('first sync');
          for (const l of formatSummary(r.first)) out.line(`  ${l}`);
          out.line(`second sync (nothing changed): ${r.second.apiCalls.zendesk.write + r.second.apiCalls.jsm.write} write calls`);
          if (r.deadLetters.length) out.line('dead letters (the mapping or the API refused these; with --keep, `deskbridge dlq list` on the printed environment shows them)');
          for (const d of r.deadLetters) out.line(`  ${d.tickets.length} × ${d.reason}  (${d.tickets.slice(0, 3).join(', ')}${d.tickets.length > 3 ? ', …' : ''})`);
          out.line('linked pairs');
          for (const p of r.pairs) out.line(`  ${p.zendesk}  ⇄  ${p.jsm}`);
        }
        if (flags.keep) {
          out.line(`simulators running; with this environment, \`deskbridge <command> --config ${r.configPath}\` works on them — Ctrl-C to stop`);
          out.line(JSON.stringify(r.env));
          await untilSignalled();
        }
      } finally {
        await sims.close();
      }
    });
}
