import { linkStamp, otherSystem, type Link } from '../model/index.ts';
import type { CreateIntent } from '../ports/state-store.ts';
import { readBackCreated } from './apply-create.ts';
import { isAuthFailed } from '../http/errors.ts';
import { ConnectionStopped } from './apply.ts';
import { errorKind, errorReason, isoNow, type ApplyEnv } from './apply-env.ts';

/**
 * Create intents left by a crash or an unknown outcome, resolved before a run touches any feed: the
 * target is read back by the intent's stamp. Found → the link is stored (no base: the next look at the
 * pair settles every field, origin first) and the origin is stamped. Absent after a patient read → the
 * intent is dropped; the source is created again when it is next processed (its page was not
 * checkpointed, or its dead letter is replayed).
 */

export interface RecoveredIntent {
  intent: CreateIntent;
  /** The stored link; null when the target was absent (intent dropped) or the read-back failed. */
  link: Link | null;
  error?: { kind: string; reason: string };
}

export async function recoverCreateIntents(env: ApplyEnv): Promise<RecoveredIntent[]> {
  const out: RecoveredIntent[] = [];
  for (const intent of await env.store.listCreateIntents(env.connection.id)) {
    try {
      out.push({ intent, link: await recoverOne(env, intent) });
    } catch (err) {
      if (isAuthFailed(err)) throw ConnectionStopped.refused(env.connection.id, err);
      const kind = errorKind(err);
      const reason = `recover create: ${errorReason(err)}`;
      // The intent stays: the next run reads back again.
      await env.store.addDeadLetter({ connection: env.connection.id, system: otherSystem(intent.target), ticketId: intent.sourceId, kind, reason });
      out.push({ intent, link: null, error: { kind, reason } });
    }
  }
  return out;
}

async function recoverOne(env: ApplyEnv, intent: CreateIntent): Promise<Link | null> {
  const { store, connection } = env;
  const origin = otherSystem(intent.target);
  // A follow-up shares its stamp with the closed ticket it replaces: that ticket is not the new one.
  const existing = await store.getLinkBy(connection.id, origin, intent.sourceId);
  const exclude = existing && intent.target === 'zendesk' ? existing.zendeskId : undefined;
  const found = await readBackCreated(env, intent.target, intent.linkStamp, exclude);
  if (!found) {
    await store.deleteCreateIntent(intent.id);
    await store.audit({ at: isoNow(env), connection: connection.id, action: 'create-intent-dropped', system: intent.target, detail: { sourceId: intent.sourceId } });
    env.logger.info({ target: intent.target, sourceId: intent.sourceId }, 'pending create not found: intent dropped');
    return null;
  }
  let jsmKey = found.key ?? found.id;
  if (origin === 'jsm') jsmKey = (await env.systems.jsm.getTicket(intent.sourceId))?.ref.key ?? intent.sourceId;
  const link: Link =
    origin === 'zendesk'
      ? { connection: connection.id, zendeskId: intent.sourceId, jsmId: found.id, jsmKey, createdAt: isoNow(env), origin }
      : { connection: connection.id, zendeskId: found.id, jsmId: intent.sourceId, jsmKey, createdAt: isoNow(env), origin };
  if (existing && existing.zendeskId === link.zendeskId && existing.jsmId === link.jsmId) {
    await store.deleteCreateIntent(intent.id); // linked already (the crash came after the link was stored)
    return existing;
  }
  await store.transaction(async (tx) => {
    if (existing) await tx.deleteLink(connection.id, existing.zendeskId);
    await tx.putLink(link);
    await tx.deleteCreateIntent(intent.id);
  });
  await env.systems[origin].setLinkStamp(intent.sourceId, linkStamp(connection.id, { system: intent.target, id: found.id }));
  await store.audit({ at: isoNow(env), connection: connection.id, action: 'create-recovered', system: intent.target, ticketId: found.id, detail: { sourceId: intent.sourceId } });
  env.logger.info({ target: intent.target, ticketId: found.id, sourceId: intent.sourceId }, 'pending create read back and linked');
  return link;
}
