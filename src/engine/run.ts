import type { Connection } from '../config/schema.ts';
import type { Logger } from '../logging/logger.ts';
import { otherSystem, type SystemName } from '../model/index.ts';
import type { StateStore } from '../ports/state-store.ts';
import { isAuthFailed } from '../http/errors.ts';
import { ConnectionStopped } from './apply.ts';
import { defaultSleep, type ApplyEnv, type EngineSystem } from './apply-env.ts';
import type { Op } from './ops.ts';
import { processItem, type ItemResult, type ProcessContext } from './process.ts';
import { recoverCreateIntents } from './recover.ts';
import { SummaryBuilder, apiCallsSince, readApiCalls, type MetricsSource, type SyncSummary } from './summary.ts';

/**
 * The run loop of one connection: pending creates are resolved first, then each feed (Zendesk, then
 * JSM) page by page. A page's tickets run with bounded concurrency (each ticket serial under the
 * store's lock); the page's checkpoint is saved only once every ticket of it is done or dead-lettered,
 * so a crash or a failure that could not even be dead-lettered replays the page next run.
 */

export interface SyncDeps {
  connection: Connection;
  zendesk: EngineSystem;
  jsm: EngineSystem;
  store: StateStore;
  logger: Logger;
  /** Clock (ms); default Date.now. */
  now?: () => number;
  onProgress?: (p: SyncProgress) => void;
  /** Plan only: no writes, no checkpoint moves, no intent recovery. */
  dryRun?: boolean;
  /** Tickets of one page processed at once (different tickets only). Default 4. */
  concurrency?: number;
  /** Request counters of each system's HttpClient (`http.metrics`), for the summary's apiCalls. */
  metrics?: Partial<Record<SystemName, MetricsSource>>;
  /** Read-back patience after an unknown outcome (JSM search lags). Default 4 attempts, 1500 ms apart. */
  readBack?: { attempts: number; waitMs: number };
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncProgress {
  feed: SystemName;
  page: number;
  /** Tickets in this page. */
  tickets: number;
  /** Tickets of this page done so far. */
  done: number;
  /** Tickets processed so far in this run (all feeds). */
  processed: number;
}

/** One ticket's plan in a dry run. */
export interface PlannedTicket {
  system: SystemName;
  id: string;
  ops: Op[];
}

export interface ConnectionPlan {
  connection: string;
  /** Tickets with something to do, in feed order. */
  tickets: PlannedTicket[];
  /** Tickets read with nothing to do. */
  unchanged: number;
  /** Feed items not processed (out of scope, deleted before linking…). */
  skipped: number;
  /** Create intents that a real run would read back first. */
  pendingIntents: number;
  summary: SyncSummary;
}

async function buildEnv(deps: SyncDeps): Promise<ApplyEnv> {
  // The first calls of a run: refused credentials stop the connection here, before any work.
  const [zMe, jMe] = await Promise.all([deps.zendesk.me(), deps.jsm.me()]).catch((err: unknown) => {
    throw isAuthFailed(err) ? ConnectionStopped.refused(deps.connection.id, err) : err;
  });
  return {
    connection: deps.connection,
    systems: { zendesk: deps.zendesk, jsm: deps.jsm },
    store: deps.store,
    logger: deps.logger.child({ connection: deps.connection.id }),
    now: deps.now ?? Date.now,
    me: { zendesk: zMe, jsm: jMe },
    readBack: deps.readBack ?? { attempts: 4, waitMs: 1_500 },
    sleep: deps.sleep ?? defaultSleep,
  };
}

/** Runs `fn` over items with at most `limit` at once; the first error is thrown once all started work has settled. */
async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== null) throw (failure as { err: unknown }).err;
}

/** Walks both feeds, reporting each item; returns the create intents a dry run left pending. */
async function traverse(deps: SyncDeps, env: ApplyEnv, summary: SummaryBuilder, onResult: (r: ItemResult) => void): Promise<number> {
  const dryRun = deps.dryRun ?? false;
  const ctx: ProcessContext = { env, dryRun, seen: new Map() };
  const record = (r: ItemResult): void => {
    summary.add(r);
    onResult(r);
  };
  let pendingIntents = 0;
  if (dryRun) pendingIntents = (await env.store.listCreateIntents(env.connection.id)).length;
  else
    for (const r of await recoverCreateIntents(env)) {
      if (r.error) summary.add({ kind: 'failed', system: otherSystem(r.intent.target), id: r.intent.sourceId, errorKind: r.error.kind, reason: r.error.reason });
      // Settle the recovered pair at once (base, comments): its page may already be checkpointed.
      else if (r.link) record(await processItem(ctx, otherSystem(r.intent.target), { id: r.intent.sourceId }, { force: true }));
    }
  let processed = 0;
  for (const feed of ['zendesk', 'jsm'] as const) {
    const checkpoint = await env.store.getCheckpoint(env.connection.id, feed);
    let page = 0;
    for await (const p of env.systems[feed].changes(checkpoint)) {
      page++;
      // A ticket twice in one page (JSM overlap windows) is processed once, as its latest self.
      const items = [...new Map(p.tickets.map((t) => [t.ref.id, t])).values()];
      let done = 0;
      const progress = () => deps.onProgress?.({ feed, page, tickets: items.length, done, processed });
      progress();
      await forEachBounded(items, deps.concurrency ?? 4, async (t) => {
        record(await processItem(ctx, feed, t));
        done++;
        processed++;
        progress();
      });
      if (!dryRun) await env.store.putCheckpoint(env.connection.id, feed, p.checkpoint);
    }
  }
  // Results are not kept: a backfill yields tens of thousands, each holding its ops' bodies.
  return pendingIntents;
}

/** One sync run of a connection. Throws ConnectionStopped on refused credentials (after alerting in the log). */
export async function syncConnection(deps: SyncDeps): Promise<SyncSummary> {
  const now = deps.now ?? Date.now;
  const started = now();
  const callsAtStart = readApiCalls(deps.metrics);
  const env = await buildEnv(deps);
  const summary = new SummaryBuilder();
  await traverse(deps, env, summary, () => undefined);
  const result = summary.build(apiCallsSince(callsAtStart, readApiCalls(deps.metrics)), Math.max(0, now() - started));
  env.logger.info({ summary: result }, 'sync run finished');
  return result;
}

/** `deskbridge plan`: what a run would do now, per ticket. Reads only; no writes, no checkpoint moves. */
export async function planConnection(deps: SyncDeps): Promise<ConnectionPlan> {
  const dry: SyncDeps = { ...deps, dryRun: true };
  const now = deps.now ?? Date.now;
  const started = now();
  const callsAtStart = readApiCalls(deps.metrics);
  const env = await buildEnv(dry);
  const summary = new SummaryBuilder();
  const tickets: PlannedTicket[] = [];
  let unchanged = 0;
  let skipped = 0;
  const pendingIntents = await traverse(dry, env, summary, (r) => {
    if (r.kind === 'planned') tickets.push({ system: r.system, id: r.id, ops: r.ops });
    else if (r.kind === 'unchanged') unchanged++;
    else if (r.kind === 'skipped') skipped++;
  });
  return {
    connection: deps.connection.id,
    tickets,
    unchanged,
    skipped,
    pendingIntents,
    summary: summary.build(apiCallsSince(callsAtStart, readApiCalls(deps.metrics)), Math.max(0, now() - started)),
  };
}

export interface ReplayResult {
  id: number;
  resolved: boolean;
  /** What failed again (the dead letter stays open, its attempts bumped). */
  failures: { errorKind: string; reason: string }[];
  ops: Op[];
}

/** `deskbridge dlq replay <id>`: processes the dead letter's ticket again, both sides read; resolves it on success. */
export async function replayDeadLetter(deps: SyncDeps, id: number): Promise<ReplayResult> {
  const dl = await deps.store.getDeadLetter(id);
  if (!dl || dl.connection !== deps.connection.id) throw new Error(`dead letter ${id} not found in connection ${deps.connection.id}`);
  if (dl.resolvedAt !== null) return { id, resolved: true, failures: [], ops: [] };
  const env = await buildEnv({ ...deps, dryRun: false });
  const ctx: ProcessContext = { env, dryRun: false, seen: new Map() };
  const r = await processItem(ctx, dl.system, { id: dl.ticketId }, { force: true });
  const failures =
    r.kind === 'failed' ? [{ errorKind: r.errorKind, reason: r.reason }] : r.kind === 'planned' && r.outcome ? r.outcome.failures.map(({ errorKind, reason }) => ({ errorKind, reason })) : [];
  const ops = r.kind === 'planned' ? r.ops : [];
  if (failures.length === 0) {
    await deps.store.resolveDeadLetter(id);
    await deps.store.audit({ at: new Date(env.now()).toISOString(), connection: dl.connection, action: 'dead-letter-resolved', system: dl.system, ticketId: dl.ticketId, detail: { deadLetter: id } });
  }
  return { id, resolved: failures.length === 0, failures, ops };
}
