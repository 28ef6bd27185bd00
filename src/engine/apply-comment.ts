import { randomUUID } from 'node:crypto';
import type { CommentMapping } from '../ports/state-store.ts';
import { richTextFingerprint } from '../text/fingerprint.ts';
import { isoNow, outcomeUnknown, type ApplyEnv, type ApplyState } from './apply-env.ts';
import type { CommentMapOp, CommentOp } from './ops.ts';

/**
 * Comment writes, each at most once: an intent before the add; after an unknown outcome the target's
 * comments are read back and matched by body fingerprint and the integration as author before posting
 * again; the mapping and the intent's removal are one transaction.
 */

/** The integration's comment on `ticketId` with this body fingerprint that no mapping claims yet. */
export async function readBackComment(env: ApplyEnv, op: CommentOp, ticketId: string): Promise<string | null> {
  const me = env.me[op.target];
  const comments = await env.systems[op.target].listComments(ticketId);
  for (const cm of [...comments].reverse()) {
    if (cm.author?.id !== me.id || richTextFingerprint(cm.body) !== op.bodyFingerprint) continue;
    if (await env.store.findCommentMapping(env.connection.id, op.target, cm.id)) continue;
    return cm.id;
  }
  return null;
}

async function addWithReadBack(env: ApplyEnv, op: CommentOp, ticketId: string): Promise<string> {
  const target = env.systems[op.target];
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.addComment(ticketId, op.draft);
    } catch (err) {
      if (!outcomeUnknown(err)) throw err;
      env.logger.warn({ target: op.target, ticketId, attempt }, 'comment outcome unknown: reading back');
      const found = await readBackComment(env, op, ticketId);
      if (found) return found;
      if (attempt >= 2) throw err; // the intent stays: the next look at this pair reads back first
    }
  }
}

function mappingFor(op: CommentOp, ticketId: string, newId: string): CommentMapping | null {
  if (!op.mapped) return null;
  return op.target === 'jsm'
    ? { connection: '', zendeskCommentId: op.sourceCommentId, jsmCommentId: newId, zendeskTicketId: op.sourceTicketId }
    : { connection: '', zendeskCommentId: newId, jsmCommentId: op.sourceCommentId, zendeskTicketId: ticketId };
}

/** Adds the comment (or finds the copy an earlier, unknown-outcome attempt made); returns its id. */
export async function applyComment(env: ApplyEnv, state: ApplyState, op: CommentOp): Promise<string> {
  const { store, connection } = env;
  const ticketId = op.ticketId ?? state.created?.id;
  if (ticketId === undefined) throw new Error('comment on a ticket that was not created');
  let intent = await store.getCommentIntent(connection.id, op.target, op.sourceCommentId);
  let newId: string | null = null;
  if (intent) newId = await readBackComment(env, op, ticketId);
  else {
    intent = {
      id: randomUUID(),
      connection: connection.id,
      target: op.target,
      targetTicketId: ticketId,
      sourceCommentId: op.sourceCommentId,
      bodyFingerprint: op.bodyFingerprint,
      createdAt: isoNow(env),
    };
    await store.putCommentIntent(intent);
  }
  newId ??= await addWithReadBack(env, op, ticketId);
  const mapping = mappingFor(op, ticketId, newId);
  const intentId = intent.id;
  await store.transaction(async (tx) => {
    if (mapping) await tx.putCommentMapping({ ...mapping, connection: connection.id });
    await tx.deleteCommentIntent(intentId);
  });
  await store.audit({
    at: isoNow(env),
    connection: connection.id,
    action: op.mapped ? 'comment-copied' : 'description-note',
    system: op.target,
    ticketId,
    detail: { commentId: newId, sourceCommentId: op.sourceCommentId, public: op.draft.public },
  });
  return newId;
}

/** Records a copy that already exists on the target (found by body), and drops any intent for it. */
export async function applyCommentMap(env: ApplyEnv, state: ApplyState, op: CommentMapOp): Promise<void> {
  const { store, connection } = env;
  const zendeskTicketId = op.zendeskTicketId ?? state.created?.id ?? state.link?.zendeskId;
  if (zendeskTicketId === undefined) throw new Error('comment mapping without a Zendesk ticket');
  const target = op.source === 'zendesk' ? 'jsm' : 'zendesk';
  const sourceId = op.source === 'zendesk' ? op.zendeskCommentId : op.jsmCommentId;
  const intent = await store.getCommentIntent(connection.id, target, sourceId);
  await store.transaction(async (tx) => {
    await tx.putCommentMapping({ connection: connection.id, zendeskCommentId: op.zendeskCommentId, jsmCommentId: op.jsmCommentId, zendeskTicketId });
    if (intent) await tx.deleteCommentIntent(intent.id);
  });
}
