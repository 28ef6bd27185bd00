import { isAuthFailed, type AuthFailed } from '../http/errors.ts';
import { linkStamp, type Link, type SystemName } from '../model/index.ts';
import type { BaseFingerprints } from '../ports/state-store.ts';
import { applyComment, applyCommentMap } from './apply-comment.ts';
import { applyCreate } from './apply-create.ts';
import { errorKind, errorReason, isoNow, type ApplyEnv, type ApplyState } from './apply-env.ts';
import type { Op } from './ops.ts';

/**
 * Carries a plan out through the ticket systems and the store, op by op. After each successful write
 * the base takes the written fields (the echo guard: the write's echo diffs to nothing). A failed op
 * becomes a dead letter and the ticket's other ops still run (a refused status transition must not
 * hold back a comment), except ops that need a ticket whose create failed. AuthFailed stops everything.
 */

export class ConnectionStopped extends Error {
  readonly system: SystemName | undefined;
  override readonly cause: unknown;
  constructor(message: string, system: SystemName | undefined, cause: unknown) {
    super(message);
    this.name = 'ConnectionStopped';
    this.system = system;
    this.cause = cause;
  }

  /** The connection stops: a system refused our credentials (401/403). */
  static refused(connectionId: string, err: AuthFailed): ConnectionStopped {
    return new ConnectionStopped(`connection ${connectionId}: ${err.context.system} refused our credentials`, err.context.system, err);
  }
}

export interface ApplyOptions {
  /**
   * The ticket being processed: dead letters name it, so `dlq replay` can process it again. The store
   * keeps one open dead letter per ticket (a repeat failure updates it), so a replay that fails again
   * bumps its attempts instead of adding another.
   */
  trigger: { system: SystemName; id: string };
  link: Link | null;
}

export interface ApplyOutcome {
  link: Link | null;
  created: Record<SystemName, number>;
  /** Ids of existing tickets whose fields were written, per system. */
  updated: Record<SystemName, string[]>;
  comments: Record<SystemName, number>;
  conflicts: number;
  deadLetters: number;
  /** Remote writes made (creates, updates, comments, stamps). */
  writes: number;
  failures: { op: Op['kind']; errorKind: string; reason: string }[];
}

const zero = (): Record<SystemName, number> => ({ zendesk: 0, jsm: 0 });

export function emptyOutcome(link: Link | null): ApplyOutcome {
  return { link, created: zero(), updated: { zendesk: [], jsm: [] }, comments: zero(), conflicts: 0, deadLetters: 0, writes: 0, failures: [] };
}

/** Needs the ticket a `create` earlier in the plan makes. */
const needsCreated = (op: Op): boolean =>
  (op.kind === 'comment' && op.ticketId === null) ||
  (op.kind === 'stamp' && op.counterpart.id === null) ||
  (op.kind === 'comment-map' && op.zendeskTicketId === null);

export async function applyOps(env: ApplyEnv, ops: readonly Op[], opts: ApplyOptions): Promise<ApplyOutcome> {
  const state: ApplyState = { link: opts.link, created: null };
  const out = emptyOutcome(opts.link);
  let createFailed = false;

  const recordFailure = async (op: Op, kind: string, reason: string): Promise<void> => {
    out.failures.push({ op: op.kind, errorKind: kind, reason });
    env.logger.warn({ system: opts.trigger.system, ticketId: opts.trigger.id, op: op.kind, kind }, 'ticket dead-lettered');
    await env.store.addDeadLetter({ connection: env.connection.id, system: opts.trigger.system, ticketId: opts.trigger.id, reason, kind });
    out.deadLetters++;
  };

  for (const op of ops) {
    if (createFailed && needsCreated(op)) continue;
    try {
      await applyOne(env, state, op, out);
    } catch (err) {
      if (isAuthFailed(err)) {
        env.logger.error({ alert: true, connection: env.connection.id, system: err.context.system }, 'authentication refused: connection stopped');
        throw ConnectionStopped.refused(env.connection.id, err);
      }
      await recordFailure(op, errorKind(err), `${op.kind}: ${errorReason(err)}`);
      if (op.kind === 'create') createFailed = true;
      // Without its link the pair's other ops would write with no base to record: stop here.
      if (op.kind === 'link') break;
    }
  }
  out.link = state.link;
  return out;
}

async function mergeBase(env: ApplyEnv, state: ApplyState, set: BaseFingerprints): Promise<void> {
  if (!state.link || Object.keys(set).length === 0) return;
  await env.store.mergeBase(env.connection.id, state.link.zendeskId, set);
}

async function applyOne(env: ApplyEnv, state: ApplyState, op: Op, out: ApplyOutcome): Promise<void> {
  const { store, connection } = env;
  const audit = (action: string, system: SystemName | undefined, ticketId: string | undefined, detail: Record<string, string | number | boolean | null>) =>
    store.audit({ at: isoNow(env), connection: connection.id, action, ...(system ? { system } : {}), ...(ticketId ? { ticketId } : {}), detail });

  switch (op.kind) {
    case 'create': {
      await applyCreate(env, state, op);
      out.created[op.target]++;
      out.writes++;
      return;
    }
    case 'update': {
      await env.systems[op.target].updateTicket(op.ticketId, op.patch);
      out.writes++;
      if (!out.updated[op.target].includes(op.ticketId)) out.updated[op.target].push(op.ticketId);
      await mergeBase(env, state, op.base);
      await audit('updated', op.target, op.ticketId, { fields: op.fields.join(',') });
      return;
    }
    case 'comment': {
      await applyComment(env, state, op);
      out.comments[op.target]++;
      out.writes++;
      if (op.base) await mergeBase(env, state, op.base);
      return;
    }
    case 'comment-map':
      return applyCommentMap(env, state, op);
    case 'stamp': {
      const counterpartId = op.counterpart.id ?? state.created?.id;
      if (counterpartId === undefined) throw new Error('stamp naming a ticket that was not created');
      await env.systems[op.target].setLinkStamp(op.ticketId, linkStamp(connection.id, { system: op.counterpart.system, id: counterpartId }));
      out.writes++;
      await audit('stamped', op.target, op.ticketId, { counterpartId });
      return;
    }
    case 'link': {
      const link: Link = { connection: connection.id, zendeskId: op.zendeskId, jsmId: op.jsmId, jsmKey: op.jsmKey, origin: op.origin, createdAt: isoNow(env) };
      await store.putLink(link);
      state.link = link;
      await audit('relinked', 'zendesk', op.zendeskId, { jsmId: op.jsmId, origin: op.origin });
      return;
    }
    case 'conflict': {
      out.conflicts++;
      await audit('conflict', undefined, state.link?.zendeskId, { field: op.field, policy: op.policy, winner: op.winner ?? 'flagged' });
      await mergeBase(env, state, op.base);
      return;
    }
    case 'dead-letter': {
      out.failures.push({ op: op.kind, errorKind: op.errorKind, reason: op.reason });
      env.logger.warn({ system: op.system, ticketId: op.ticketId, kind: op.errorKind }, 'ticket dead-lettered');
      await store.addDeadLetter({ connection: connection.id, system: op.system, ticketId: op.ticketId, reason: op.reason, kind: op.errorKind });
      out.deadLetters++;
      return;
    }
    case 'closed-ticket': {
      await audit(op.mode === 'report' ? 'closed-ticket-change-reported' : 'closed-ticket-followup', 'zendesk', op.zendeskId, {
        jsmId: op.jsmId,
        fields: op.fields.join(','),
        comments: op.comments,
      });
      if (op.mode === 'report')
        env.logger.warn({ zendeskId: op.zendeskId, jsmId: op.jsmId, fields: op.fields }, 'change for a closed Zendesk ticket reported, not written');
      await mergeBase(env, state, op.base);
      return;
    }
    case 'deleted':
      await audit('counterpart-deleted', op.system, op.ticketId, { linked: state.link !== null });
      return;
    case 'base':
      return mergeBase(env, state, op.set);
  }
}
