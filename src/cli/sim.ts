import type { Command } from 'commander';
import { z } from 'zod';
import { startSimulators } from '../simulators/index.ts';
import type { Output } from './output.ts';

/**
 * `deskbridge sim`: starts the Zendesk and JSM simulators, seeds them, prints one JSON line
 * `{"zendesk": URL, "jsm": URL, "env": {...}}` and runs until SIGINT/SIGTERM.
 * `--seed N` is the number of tickets to seed (as the issue words it); `--tickets N` says the same;
 * `--random-seed N` picks the PRNG seed of the seeded data.
 */

const Port = z.coerce.number().int().min(0).max(65_535);
const Count = z.coerce.number().int().min(0).max(100_000);

export const SimFlags = z
  .object({
    zendeskPort: Port.default(0),
    jsmPort: Port.default(0),
    seed: Count.optional(),
    tickets: Count.optional(),
    randomSeed: z.coerce.number().int().min(0).default(1),
  })
  .refine((f) => f.seed === undefined || f.tickets === undefined || f.seed === f.tickets, {
    message: '--seed and --tickets both give the ticket count; give one, or the same number',
    path: ['tickets'],
  })
  .refine((f) => f.zendeskPort === 0 || f.zendeskPort !== f.jsmPort, { message: 'the two simulators need different ports', path: ['jsmPort'] });
export type SimFlags = z.infer<typeof SimFlags>;

const DEFAULT_TICKETS = 20;

const FLAG_NAMES: Record<string, string> = { zendeskPort: '--zendesk-port', jsmPort: '--jsm-port', seed: '--seed', tickets: '--tickets', randomSeed: '--random-seed' };

/** Resolves when the process is asked to stop. */
export function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Exit codes: 0 stopped cleanly, 2 bad flags or a port that cannot be used. */
export async function runSim(raw: Record<string, unknown>, out: Output, stopped: () => Promise<unknown> = untilSignalled): Promise<number> {
  const parsed = SimFlags.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out.error(`${FLAG_NAMES[String(issue.path[0])] ?? 'sim'}: ${issue.message}`);
    return 2;
  }
  const f = parsed.data;
  let sims;
  try {
    sims = await startSimulators({ zendeskPort: f.zendeskPort, jsmPort: f.jsmPort, seed: f.randomSeed, tickets: f.tickets ?? f.seed ?? DEFAULT_TICKETS });
  } catch (err) {
    out.error(`sim: cannot start the simulators: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  out.line(JSON.stringify({ zendesk: sims.zendeskUrl, jsm: sims.jsmUrl, env: sims.env }));
  await stopped();
  await sims.close();
  return 0;
}

export function register(program: Command, out: Output): void {
  program
    .command('sim')
    .description('run local Zendesk and JSM simulators with seeded tickets; prints {"zendesk", "jsm", "env"} as one JSON line')
    .option('--zendesk-port <port>', 'port of the Zendesk simulator (default: any free port)')
    .option('--jsm-port <port>', 'port of the JSM simulator (default: any free port)')
    .option('--seed <count>', `number of realistic tickets to seed in each system (default ${DEFAULT_TICKETS})`)
    .option('--tickets <count>', 'same as --seed')
    .option('--random-seed <n>', 'PRNG seed of the seeded data (default 1)')
    .action(async (opts: Record<string, unknown>) => {
      process.exitCode = await runSim(opts, out);
    });
}
