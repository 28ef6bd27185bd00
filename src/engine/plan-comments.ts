import type { Connection } from '../config/schema.ts';
import { otherSystem, type Comment, type PersonRef, type RichText, type SystemName, type Ticket } from '../model/index.ts';
import { richTextFingerprint } from '../text/fingerprint.ts';
import { SYSTEM_LABEL } from './canonical.ts';
import type { CommentMapOp, CommentOp } from './ops.ts';

/**
 * Comment copies, both ways. A comment is copied once (the comment map remembers it), never when the
 * integration wrote it (that is a copy, or our own note: copying it back would loop), with exactly the
 * same visibility (an internal note stays internal), oldest first, headed by who wrote it.
 */

export interface CommentSide {
  ticket: Ticket;
  /** Comment ids of this ticket that are already in the comment map. */
  mapped: ReadonlySet<string>;
  /** The integration user on this side. */
  me: PersonRef;
}

export const byIntegration = (c: Comment, me: PersonRef): boolean => c.author !== null && c.author.id === me.id;

/** `comments.authorLabel` filled in: "<author name> via Zendesk". */
export function authorLabel(c: Connection, author: PersonRef | null, from: SystemName): string {
  return c.comments.authorLabel.replaceAll('{name}', author?.name ?? 'Unknown author').replaceAll('{system}', SYSTEM_LABEL[from]);
}

/** A body headed by one plain paragraph (author label, or the description note's title). */
export function withHeading(heading: string, body: RichText): RichText {
  return { type: 'doc', blocks: [{ type: 'paragraph', children: [{ type: 'text', text: heading }] }, ...body.blocks] };
}

/** Comments of `from` still to copy: not mapped, not written by the integration, oldest first. */
export function commentsToCopy(from: CommentSide): Comment[] {
  return (from.ticket.comments ?? [])
    .filter((cm) => !from.mapped.has(cm.id) && !byIntegration(cm, from.me))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

export interface CopyTarget {
  system: SystemName;
  /** null: the ticket a `create` op in the same plan makes. */
  ticketId: string | null;
  /** The target's current comments (a copy already there is mapped instead of posted again). */
  side: CommentSide | null;
}

/**
 * Ops copying `from`'s new comments to `to`. A copy the integration already posted on the target (same
 * body, e.g. after a lost store or a crash before the mapping was saved) is mapped, not posted again.
 */
export function planCommentCopies(c: Connection, from: CommentSide, to: CopyTarget): TimedOp[] {
  if (!c.comments.sync) return [];
  const source = from.ticket.ref.system;
  const consumed = new Set<string>();
  const ours = to.side
    ? (to.side.ticket.comments ?? []).filter((cm) => byIntegration(cm, to.side!.me) && !to.side!.mapped.has(cm.id))
    : [];
  const ourPrints = ours.map((cm) => ({ id: cm.id, fp: richTextFingerprint(cm.body) }));
  const zendeskTicketId = source === 'zendesk' ? from.ticket.ref.id : to.ticketId;
  return commentsToCopy(from).map((cm): TimedOp => ({ at: cm.createdAt, op: copyOne(cm) }));

  function copyOne(cm: Comment): CommentOp | CommentMapOp {
    const body = withHeading(authorLabel(c, cm.author, source), cm.body);
    const bodyFingerprint = richTextFingerprint(body);
    const existing = ourPrints.find((o) => o.fp === bodyFingerprint && !consumed.has(o.id));
    if (existing) {
      consumed.add(existing.id);
      return source === 'zendesk'
        ? { kind: 'comment-map', source, zendeskCommentId: cm.id, jsmCommentId: existing.id, zendeskTicketId }
        : { kind: 'comment-map', source, zendeskCommentId: existing.id, jsmCommentId: cm.id, zendeskTicketId };
    }
    return {
      kind: 'comment',
      target: otherSystem(source),
      ticketId: to.ticketId,
      sourceCommentId: cm.id,
      sourceTicketId: from.ticket.ref.id,
      draft: { body, public: cm.public },
      bodyFingerprint,
      mapped: true,
    };
  }
}

/** A comment op with its source comment's time, to merge both directions oldest first. */
export interface TimedOp {
  at: string;
  op: CommentOp | CommentMapOp;
}

/** Both directions' comment ops as one oldest-first sequence (stable for equal times). */
export function oldestFirst(ops: readonly TimedOp[]): (CommentOp | CommentMapOp)[] {
  return ops
    .map((x, i) => ({ op: x.op, i, t: Date.parse(x.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.op);
}

export const DESCRIPTION_NOTE_TITLE = 'Description updated in Jira Service Management:';

/** Zendesk descriptions cannot be edited: a JSM description change lands as an internal note. */
export function descriptionNote(jsm: Ticket, zendeskId: string, jsmDescriptionFp: string, base: Record<string, string>): CommentOp {
  const body = withHeading(DESCRIPTION_NOTE_TITLE, jsm.description);
  return {
    kind: 'comment',
    target: 'zendesk',
    ticketId: zendeskId,
    sourceCommentId: `description:${jsmDescriptionFp.slice(0, 24)}`,
    sourceTicketId: jsm.ref.id,
    draft: { body, public: false },
    bodyFingerprint: richTextFingerprint(body),
    mapped: false,
    base,
  };
}
