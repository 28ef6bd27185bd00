import { isAuthFailed } from '../http/errors.ts';
import { otherSystem, type Link, type SystemName, type Ticket } from '../model/index.ts';
import { ticketLockKey, type BaseFingerprints } from '../ports/state-store.ts';
import { ConnectionStopped, applyOps, type ApplyOutcome } from './apply.ts';
import { errorKind, errorReason, type ApplyEnv } from './apply-env.ts';
import { seenBaseKey } from './fingerprint.ts';
import { isRemoteWrite, type Op } from './ops.ts';
import { planTicket, sideHasNews } from './plan.ts';
import { scopeVerdict, stampedCounterpart } from './scope.ts';

/**
 * One feed item from start to end: lock, read what is needed, plan, apply (unless dry run). Reads are
 * kept to the minimum: an out-of-scope unlinked ticket is not read at all, and a linked ticket whose
 * own side brings nothing new (the echo of our own write) is answered without reading its counterpart.
 */

export type ItemResult =
  | { kind: 'skipped'; system: SystemName; id: string; reason: string }
  | { kind: 'unchanged'; system: SystemName; id: string }
  | { kind: 'planned'; system: SystemName; id: string; ops: Op[]; outcome: ApplyOutcome | null }
  | { kind: 'failed'; system: SystemName; id: string; errorKind: string; reason: string };

export interface ProcessContext {
  env: ApplyEnv;
  dryRun: boolean;
  /**
   * Tickets read (with comments) during this run and not written since, with the updatedAt read: a
   * later feed item no newer than that was already fully planned, so it is skipped without a read.
   */
  seen: Map<string, string>;
}

export interface ProcessOptions {
  /** Read both sides even when the item's side has nothing new (dead-letter replay). */
  force?: boolean;
}

const seenKey = (system: SystemName, id: string): string => `${system}:${id}`;

/** Processes one ticket of `system` (the feed item, or only its id), serialised per ticket by the store's lock. */
export async function processItem(ctx: ProcessContext, system: SystemName, item: Ticket | { id: string }, opts: ProcessOptions = {}): Promise<ItemResult> {
  const { env } = ctx;
  const c = env.connection;
  const id = 'ref' in item ? item.ref.id : item.id;
  const feedTicket = 'ref' in item ? item : null;
  if (feedTicket && !opts.force) {
    const seenAt = ctx.seen.get(seenKey(system, id));
    if (seenAt !== undefined && Date.parse(feedTicket.updatedAt) <= Date.parse(seenAt)) return { kind: 'unchanged', system, id };
  }
  const before = await env.store.getLinkBy(c.id, system, id);
  const lockKey = before ? ticketLockKey(c.id, 'zendesk', before.zendeskId) : ticketLockKey(c.id, system, id);
  try {
    return await env.store.withTicketLock(lockKey, async () => {
      const link = await env.store.getLinkBy(c.id, system, id);
      return link ? await processLinked(ctx, system, id, link, feedTicket, opts) : await processUnlinked(ctx, system, id, feedTicket);
    });
  } catch (err) {
    if (err instanceof ConnectionStopped) throw err;
    if (isAuthFailed(err)) {
      env.logger.error({ alert: true, connection: c.id, system: err.context.system }, 'authentication refused: connection stopped');
      throw ConnectionStopped.refused(c.id, err);
    }
    const kind = errorKind(err);
    const reason = `processing: ${errorReason(err)}`;
    env.logger.warn({ system, ticketId: id, kind }, 'ticket dead-lettered');
    // If even the dead letter cannot be stored, this throws and the page's checkpoint is not saved.
    if (!ctx.dryRun) await env.store.addDeadLetter({ connection: c.id, system, ticketId: id, reason, kind });
    return { kind: 'failed', system, id, errorKind: kind, reason };
  }
}

async function processUnlinked(ctx: ProcessContext, system: SystemName, id: string, feedTicket: Ticket | null): Promise<ItemResult> {
  const { env } = ctx;
  const c = env.connection;
  if (feedTicket) {
    if (feedTicket.deleted) return { kind: 'skipped', system, id, reason: 'deleted' };
    // Decide scope from the feed item before any read: most tickets of a busy instance are out of scope.
    const verdict = scopeVerdict(c, feedTicket);
    if (!verdict.in && !stampedCounterpart(c, feedTicket)) return { kind: 'skipped', system, id, reason: verdict.reason };
  }
  const self = await env.systems[system].getTicket(id);
  if (!self) return { kind: 'skipped', system, id, reason: 'not found' };
  const named = stampedCounterpart(c, self);
  let other: Ticket | null = null;
  if (named) {
    // Stamped for a counterpart but not linked here: a store rebuilt from the systems, unless that counterpart is linked elsewhere.
    if (await env.store.getLinkBy(c.id, named.system, named.id)) return { kind: 'skipped', system, id, reason: 'stamped counterpart is linked to another ticket' };
    other = await env.systems[named.system].getTicket(named.id);
    if (!other) return { kind: 'skipped', system, id, reason: 'stamped counterpart not found' };
  } else {
    const verdict = scopeVerdict(c, self);
    if (!verdict.in) return { kind: 'skipped', system, id, reason: verdict.reason };
  }
  const intent = await env.store.getCreateIntent(c.id, otherSystem(system), id);
  const tickets = { [system]: self, ...(other ? { [other.ref.system]: other } : {}) } as Partial<Record<SystemName, Ticket>>;
  const ops = planTicket({
    connection: c,
    zendesk: tickets.zendesk ?? null,
    jsm: tickets.jsm ?? null,
    link: null,
    base: null,
    mappedComments: { zendesk: await mappedIds(env, null, tickets.zendesk ?? null), jsm: await mappedIds(env, null, tickets.jsm ?? null) },
    me: env.me,
    intents: intent ? [intent] : [],
  });
  return finish(ctx, system, id, null, ops, [self, other]);
}

async function processLinked(ctx: ProcessContext, system: SystemName, id: string, link: Link, feedTicket: Ticket | null, opts: ProcessOptions): Promise<ItemResult> {
  const { env } = ctx;
  const c = env.connection;
  const base = await env.store.getBase(c.id, link.zendeskId);
  // A repeat of a state this pair was already fully synced at (JSM's feed re-reads a window): no read at all.
  const seenAt = base?.[seenBaseKey(system)];
  if (feedTicket && !opts.force && seenAt !== undefined && Date.parse(feedTicket.updatedAt) <= Date.parse(seenAt)) return { kind: 'unchanged', system, id };
  const self = await env.systems[system].getTicket(id);
  const selfMapped = await mappedIds(env, link, self);
  if (self && !opts.force && !sideHasNews({ connection: c, ticket: self, base, mappedComments: selfMapped, me: env.me[system] })) {
    ctx.seen.set(seenKey(system, id), self.updatedAt);
    await recordSeen(ctx, link, base, [self]);
    return { kind: 'unchanged', system, id };
  }
  const otherSide = otherSystem(system);
  const other = await env.systems[otherSide].getTicket(otherSide === 'zendesk' ? link.zendeskId : link.jsmId);
  const intent = await env.store.getCreateIntent(c.id, 'zendesk', link.jsmId);
  const tickets = { [system]: self, [otherSide]: other } as Record<SystemName, Ticket | null>;
  const ops = planTicket({
    connection: c,
    zendesk: tickets.zendesk,
    jsm: tickets.jsm,
    link,
    base,
    mappedComments: {
      zendesk: system === 'zendesk' ? selfMapped : await mappedIds(env, link, tickets.zendesk),
      jsm: system === 'jsm' ? selfMapped : await mappedIds(env, link, tickets.jsm),
    },
    me: env.me,
    intents: intent ? [intent] : [],
  });
  const result = await finish(ctx, system, id, link, ops, [self, other]);
  const inSync = result.kind === 'unchanged' || (result.kind === 'planned' && result.outcome?.writes === 0 && result.outcome.failures.length === 0);
  if (inSync) await recordSeen(ctx, link, await env.store.getBase(c.id, link.zendeskId), [self, other]);
  return result;
}

/**
 * A ticket read in full and found in sync is remembered in the pair's base by its updatedAt, so later
 * repeats of that same state skip the read. Only once the state has settled: Zendesk's updatedAt has
 * one-second precision, and a change in the same second as the state we read must not look like it.
 */
export const SEEN_SETTLE_MS = 30_000;

async function recordSeen(ctx: ProcessContext, link: Link, base: BaseFingerprints | null, read: (Ticket | null)[]): Promise<void> {
  if (ctx.dryRun || !base) return;
  const set: BaseFingerprints = {};
  for (const t of read) {
    if (!t || ctx.env.now() - Date.parse(t.updatedAt) < SEEN_SETTLE_MS) continue;
    if (base[seenBaseKey(t.ref.system)] !== t.updatedAt) set[seenBaseKey(t.ref.system)] = t.updatedAt;
  }
  if (Object.keys(set).length > 0) await ctx.env.store.mergeBase(ctx.env.connection.id, link.zendeskId, set);
}

async function finish(ctx: ProcessContext, system: SystemName, id: string, link: Link | null, ops: Op[], read: (Ticket | null)[]): Promise<ItemResult> {
  if (ops.length === 0) {
    remember(ctx, read, new Set());
    return { kind: 'unchanged', system, id };
  }
  if (ctx.dryRun) return { kind: 'planned', system, id, ops, outcome: null };
  const outcome = await applyOps(ctx.env, ops, { trigger: { system, id }, link });
  const written = new Set<SystemName>(outcome.failures.length > 0 ? ['zendesk', 'jsm'] : ops.filter(isRemoteWrite).map((op) => op.target));
  remember(ctx, read, written);
  return { kind: 'planned', system, id, ops, outcome };
}

/** Marks tickets fully planned in this run, except on systems we just wrote to (their echo must be read). */
function remember(ctx: ProcessContext, read: (Ticket | null)[], written: Set<SystemName>): void {
  for (const t of read) {
    if (!t) continue;
    if (written.has(t.ref.system)) ctx.seen.delete(seenKey(t.ref.system, t.ref.id));
    else ctx.seen.set(seenKey(t.ref.system, t.ref.id), t.updatedAt);
  }
}

/**
 * Ids of the ticket's comments already in the comment map. The pair's mappings come in one query; a
 * comment not among them is looked up on its own (a JSM comment copied to a closed ticket that a
 * follow-up has since replaced is mapped under the old Zendesk id).
 */
async function mappedIds(env: ApplyEnv, link: Link | null, t: Ticket | null): Promise<string[]> {
  if (!t?.comments || t.comments.length === 0) return [];
  const system = t.ref.system;
  const known = new Set<string>();
  if (link)
    for (const m of await env.store.listCommentMappings(env.connection.id, link.zendeskId)) known.add(system === 'zendesk' ? m.zendeskCommentId : m.jsmCommentId);
  const out: string[] = [];
  for (const cm of t.comments) {
    if (known.has(cm.id) || (await env.store.findCommentMapping(env.connection.id, system, cm.id))) out.push(cm.id);
  }
  return out;
}
