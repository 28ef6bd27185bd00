import { randomUUID } from 'node:crypto';
import { otherSystem, type Link, type SystemName, type TicketRef } from '../model/index.ts';
import type { CreateIntent } from '../ports/state-store.ts';
import { isoNow, outcomeUnknown, retryRead, type ApplyEnv, type ApplyState } from './apply-env.ts';
import type { CreateOp } from './ops.ts';

/**
 * Idempotent create: an intent is stored BEFORE the remote create; a create whose outcome is unknown
 * (dropped response, timeout) is read back by its stamp before anything is retried; the link, its base
 * and the intent's removal are one transaction. A crash anywhere leaves either no ticket, or an intent
 * that the next run reads back: never a duplicate.
 */

/** Finds the ticket carrying `stamp` on `target`, patiently (JSM search lags behind writes). */
export async function readBackCreated(env: ApplyEnv, target: SystemName, stamp: string, exclude?: string): Promise<TicketRef | null> {
  return retryRead(env, async () => {
    const ref = await env.systems[target].findByStamp(stamp);
    // A follow-up shares its stamp with the closed ticket it follows: that one is not the new ticket.
    return ref && ref.id !== exclude ? ref : null;
  });
}

async function createWithReadBack(env: ApplyEnv, op: CreateOp, intent: CreateIntent, resumed: boolean): Promise<TicketRef> {
  const target = env.systems[op.target];
  let mayExist = resumed;
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.createTicket(op.draft, op.stamp);
    } catch (err) {
      if (!outcomeUnknown(err)) {
        // The API refused it: this call created nothing. Unless an earlier attempt may have, the intent has nothing to protect.
        if (!mayExist) await env.store.deleteCreateIntent(intent.id);
        throw err;
      }
      mayExist = true;
      env.logger.warn({ target: op.target, sourceId: op.sourceId, attempt }, 'create outcome unknown: reading back');
      const found = await readBackCreated(env, op.target, op.stamp, op.relinkFrom);
      if (found) return found;
      // Still absent after a patient read: one more try. If that fails too the intent stays for the next run.
      if (attempt >= 2) throw err;
    }
  }
}

/** Link record for a pair where `created` was made in `op.target` from `op.sourceId`. */
export function linkFor(env: ApplyEnv, op: Pick<CreateOp, 'target' | 'sourceId' | 'sourceKey'>, created: TicketRef): Link {
  const origin = otherSystem(op.target);
  return origin === 'zendesk'
    ? { connection: env.connection.id, zendeskId: op.sourceId, jsmId: created.id, jsmKey: created.key ?? created.id, createdAt: isoNow(env), origin }
    : { connection: env.connection.id, zendeskId: created.id, jsmId: op.sourceId, jsmKey: op.sourceKey ?? op.sourceId, createdAt: isoNow(env), origin };
}

export async function applyCreate(env: ApplyEnv, state: ApplyState, op: CreateOp): Promise<TicketRef> {
  const { store, connection } = env;
  let intent = await store.getCreateIntent(connection.id, op.target, op.sourceId);
  const resumed = intent !== null;
  let created: TicketRef | null = null;
  if (intent) created = await readBackCreated(env, op.target, op.stamp, op.relinkFrom);
  else {
    intent = { id: randomUUID(), connection: connection.id, target: op.target, sourceId: op.sourceId, linkStamp: op.stamp, createdAt: isoNow(env) };
    await store.putCreateIntent(intent);
  }
  created ??= await createWithReadBack(env, op, intent, resumed);
  const link = linkFor(env, op, created);
  const intentId = intent.id;
  await store.transaction(async (tx) => {
    if (op.relinkFrom !== undefined) await tx.deleteLink(connection.id, op.relinkFrom);
    await tx.putLink(link);
    await tx.putBase(connection.id, link.zendeskId, op.base);
    await tx.deleteCreateIntent(intentId);
  });
  state.link = link;
  state.created = created;
  await store.audit({
    at: isoNow(env),
    connection: connection.id,
    action: op.relinkFrom !== undefined ? 'followup-created' : 'created',
    system: op.target,
    ticketId: created.id,
    detail: { sourceId: op.sourceId, fields: Object.keys(op.base).join(','), ...(op.relinkFrom !== undefined ? { followUpOf: op.relinkFrom } : {}) },
  });
  env.logger.info({ target: op.target, ticketId: created.id, sourceId: op.sourceId }, 'ticket created');
  return created;
}
