/**
 * `npm run bench`: performance figures as one JSON document on stdout (progress on stderr).
 * - plan: planTicket throughput over real-shaped linked pairs (in memory, no I/O), in sync and with one change.
 * - changedTicketCalls: API calls per changed ticket in an incremental sync, against the minimum possible.
 * - backfill: a first sync of BENCH_BACKFILL (default 20,000) Zendesk tickets against the simulators in
 *   another process: duration, calls, and the engine process's peak RSS; plus the floor that the real
 *   Zendesk rate limits would impose on the same work.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDemoRuntime } from '../src/app/demo-runtime.ts';
import type { Runtime } from '../src/app/runtime.ts';
import { planTicket, syncConnection, type PlanInput } from '../src/engine/index.ts';
import { silentLogger } from '../src/logging/logger.ts';
import { startSimulators } from '../src/simulators/index.ts';

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const unlimited = 10_000_000;

const runtimeFor = async (simEnv: Record<string, string>, dir: string): Promise<Runtime> =>
  (await openDemoRuntime({ dir, simEnv, logger: silentLogger(), fileName: 'bench.yaml', requestsPerMinute: unlimited })).rt;

/** Linked pairs exactly as the engine plans them, read back after a real sync. */
async function planInputs(rt: Runtime): Promise<PlanInput[]> {
  const c = rt.connections[0]!;
  const me = { zendesk: await c.zendesk.me(), jsm: await c.jsm.me() };
  const inputs: PlanInput[] = [];
  for (const link of await rt.store.listLinks(c.connection.id)) {
    const [zendesk, jsm] = await Promise.all([c.zendesk.getTicket(link.zendeskId), c.jsm.getTicket(link.jsmId)]);
    const mapped = await rt.store.listCommentMappings(c.connection.id, link.zendeskId);
    inputs.push({
      connection: c.connection,
      zendesk,
      jsm,
      link,
      base: await rt.store.getBase(c.connection.id, link.zendeskId),
      mappedComments: { zendesk: mapped.map((m) => m.zendeskCommentId), jsm: mapped.map((m) => m.jsmCommentId) },
      me,
      intents: [],
    });
  }
  return inputs;
}

function timePlans(inputs: PlanInput[], minMs = 2_000): { ticketsPerSecond: number; plans: number; opsPerPlan: number } {
  let plans = 0;
  let ops = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) for (const i of inputs) (ops += planTicket(i).length), plans++;
  return { ticketsPerSecond: Math.round(plans / ((performance.now() - started) / 1000)), plans, opsPerPlan: Number((ops / plans).toFixed(2)) };
}

async function planAndIncremental(): Promise<{ plan: unknown; changedTicketCalls: unknown }> {
  const dir = await mkdtemp(join(tmpdir(), 'deskbridge-bench-'));
  const sims = await startSimulators({
    zendeskTickets: 300,
    jsmTickets: 200,
    seed: 5,
    zendeskOptions: { rateLimitPerMinute: unlimited, updateRateLimitPerMinute: unlimited, exportRateLimitPerMinute: unlimited },
    jsmOptions: { rateLimitPerMinute: unlimited },
  });
  const rt = await runtimeFor(sims.env, dir);
  try {
    const c = rt.connections[0]!;
    // The engine runs on the simulators' clock, as it would on a real system's.
    const deps = () => c.deps({ now: () => sims.zendesk.clock.now() });
    log('initial sync of 500 tickets');
    await syncConnection(deps());
    // Time passes between polls: the echoes of the first sync are seen once, then settled.
    for (let i = 0; i < 2; i++) {
      sims.zendesk.clock.advance(5 * 60_000);
      await syncConnection(deps());
    }
    const inputs = (await planInputs(rt)).filter((i) => i.zendesk && i.jsm);
    log(`planning ${inputs.length} linked pairs in memory`);
    const inSync = timePlans(inputs);
    const changed = inputs.map((i) => ({ ...i, zendesk: { ...i.zendesk!, subject: `${i.zendesk!.subject} (updated)`, updatedAt: new Date(Date.parse(i.zendesk!.updatedAt) + 60_000).toISOString() } }));
    const oneChange = timePlans(changed);

    // Incremental: K Zendesk priorities and K JSM summaries changed by agents.
    const K = 50;
    const links = (await rt.store.listLinks(c.connection.id)).filter((l) => {
      const z = sims.zendesk.ticket(Number(l.zendeskId)) as { status?: string } | undefined;
      return z && z.status !== 'closed';
    });
    const zSide = links.slice(0, K);
    const jSide = links.slice(K, 2 * K);
    for (const l of zSide) {
      const z = sims.zendesk.ticket(Number(l.zendeskId)) as { priority?: string };
      sims.zendesk.updateTicketDirect(Number(l.zendeskId), { priority: z.priority === 'urgent' ? 'low' : 'urgent' });
    }
    for (const l of jSide) sims.jsm.updateIssueDirect(l.jsmKey, { summary: `Changed by an agent ${l.jsmKey}` });
    sims.zendesk.clock.advance(61_000);
    const s = await syncConnection(deps());
    const changedTickets = zSide.length + jSide.length;
    const calls = s.apiCalls.zendesk.read + s.apiCalls.zendesk.write + s.apiCalls.jsm.read + s.apiCalls.jsm.write;
    const writes = s.apiCalls.zendesk.write + s.apiCalls.jsm.write;
    // Floor: each changed ticket needs one write, and one read of its counterpart (to diff against, and
    // never to overwrite a newer change); each feed needs at least one page read.
    const floor = 2 * changedTickets + 2;
    return {
      plan: { pairs: inputs.length, inSync, oneFieldChanged: oneChange },
      changedTicketCalls: {
        changedTickets,
        apiCalls: s.apiCalls,
        callsPerChangedTicket: Number((calls / changedTickets).toFixed(2)),
        writesPerChangedTicket: Number((writes / changedTickets).toFixed(2)),
        floorCallsPerChangedTicket: Number((floor / changedTickets).toFixed(2)),
        ratioToFloor: Number((calls / floor).toFixed(2)),
      },
    };
  } finally {
    await rt.close();
    await sims.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function backfill(tickets: number): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'deskbridge-bench-'));
  log(`seeding ${tickets} Zendesk tickets in a simulator process`);
  const child = spawn(process.execPath, [new URL('./bench-sims.ts', import.meta.url).pathname, String(tickets), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const env = JSON.parse(line) as Record<string, string>;
  const rt = await runtimeFor(env, dir);
  try {
    const c = rt.connections[0]!;
    const rssBefore = process.memoryUsage().rss;
    let last = 0;
    const started = Date.now();
    const s = await syncConnection(
      c.deps({
        concurrency: 8,
        onProgress: (p) => {
          if (p.processed - last >= 2_000) log(`backfill: ${(last = p.processed)} tickets`);
        },
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const zendeskCalls = s.apiCalls.zendesk.read + s.apiCalls.zendesk.write;
    const zendeskPuts = c.zendesk.http.metrics.byRoute.get('PUT /api/v2/tickets/{id}.json') ?? 0;
    return {
      tickets,
      summary: s,
      seconds: Number(seconds.toFixed(1)),
      ticketsPerSecond: Math.round(tickets / seconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      // What the real API's limits would make of the same calls (Enterprise: 700/min account,
      // Update Ticket 100/min; the High Volume add-on: 2500 and 300).
      realLimitFloorMinutes: {
        enterprise: Number(Math.max(zendeskCalls / 700, zendeskPuts / 100).toFixed(1)),
        highVolume: Number(Math.max(zendeskCalls / 2500, zendeskPuts / 300).toFixed(1)),
      },
      zendeskTicketUpdates: zendeskPuts,
    };
  } finally {
    await rt.close();
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };
// The backfill runs first, so that the peak RSS it reports is the sync's alone.
results.backfill = await backfill(Number(process.env.BENCH_BACKFILL ?? 20_000));
log(`backfill result ${JSON.stringify(results.backfill)}`);
Object.assign(results, await planAndIncremental());
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
