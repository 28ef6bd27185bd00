/**
 * Starts both simulators for `npm run bench` in their own process (so the benchmark's memory figure is
 * the sync engine's alone), seeded with the given counts and without rate limits, prints one JSON line
 * with their environment, and runs until SIGTERM.
 * Usage: node scripts/bench-sims.ts <zendeskTickets> <jsmTickets>
 */
import { startSimulators } from '../src/simulators/index.ts';

const [zendeskTickets, jsmTickets] = process.argv.slice(2).map(Number);
const unlimited = 10_000_000;
const sims = await startSimulators({
  zendeskTickets: zendeskTickets ?? 0,
  jsmTickets: jsmTickets ?? 0,
  seed: 11,
  zendeskOptions: { rateLimitPerMinute: unlimited, updateRateLimitPerMinute: unlimited, exportRateLimitPerMinute: unlimited },
  jsmOptions: { rateLimitPerMinute: unlimited },
});
process.stdout.write(`${JSON.stringify(sims.env)}\n`);
process.once('SIGTERM', () => void sims.close().then(() => process.exit(0)));
